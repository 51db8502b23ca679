package dev.keybridge.sdk.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.sdk.model.Config;
import dev.keybridge.sdk.model.LinkedAccount;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The event types this SDK knows, each with its payload record ({@link EventData}); the server's catalogue is
 * its OpenAPI document's {@code webhooks} section (a test keeps the two in step). A type not listed parses into
 * {@link EventData.Unknown}.
 */
public final class EventTypes {

    public static final String LINKED_ACCOUNT_CREATED = "linked_account.created";
    public static final String LINKED_ACCOUNT_UPDATED = "linked_account.updated";
    public static final String LINKED_ACCOUNT_DELETED = "linked_account.deleted";
    public static final String CONNECTION_CREATED = "connection.created";
    public static final String CONNECTION_REPAIRED = "connection.repaired";
    public static final String CONNECTION_DELETED = "connection.deleted";
    public static final String CONNECTION_REFRESH_FAILED = "connection.refresh_failed";
    public static final String CONNECTION_SCOPES_UPDATED = "connection.scopes_updated";
    public static final String CONNECTION_PENDING_EXPIRATION = "connection.pending_expiration";
    /** Seed 002's name for an expiring password; sent only to endpoints that list it. */
    public static final String ACCESS_TOKEN_PASSWORD_CHANGE_WARNING = "access_token.password_change_warning";
    public static final String RECONNECT_LINK_CREATED = "reconnect_link.created";
    public static final String ACCESS_TOKEN_LOGIN_REQUIRED = "access_token.login_required";
    public static final String CONFIG_UPDATED = "config.updated";
    public static final String CONFIG_DELETED = "config.deleted";
    public static final String WEBHOOK_TEST = "webhook.test";

    private static final Map<String, Class<? extends EventData>> PAYLOADS;

    static {
        Map<String, Class<? extends EventData>> m = new LinkedHashMap<>();
        m.put(LINKED_ACCOUNT_CREATED, EventData.LinkedAccountData.class);
        m.put(LINKED_ACCOUNT_UPDATED, EventData.LinkedAccountData.class);
        m.put(LINKED_ACCOUNT_DELETED, EventData.LinkedAccountDeleted.class);
        m.put(CONNECTION_CREATED, EventData.Connection.class);
        m.put(CONNECTION_REPAIRED, EventData.ConnectionHealth.class);
        m.put(CONNECTION_DELETED, EventData.ConnectionHealth.class);
        m.put(CONNECTION_REFRESH_FAILED, EventData.RefreshFailed.class);
        m.put(CONNECTION_SCOPES_UPDATED, EventData.ScopesUpdated.class);
        m.put(CONNECTION_PENDING_EXPIRATION, EventData.PendingExpiration.class);
        m.put(ACCESS_TOKEN_PASSWORD_CHANGE_WARNING, EventData.PendingExpiration.class);
        m.put(RECONNECT_LINK_CREATED, EventData.ReconnectLinkCreated.class);
        m.put(ACCESS_TOKEN_LOGIN_REQUIRED, EventData.ConnectionHealth.class);
        m.put(CONFIG_UPDATED, EventData.ConfigData.class);
        m.put(CONFIG_DELETED, EventData.ConfigDeleted.class);
        m.put(WEBHOOK_TEST, EventData.WebhookTest.class);
        PAYLOADS = Collections.unmodifiableMap(m);
    }

    private EventTypes() {}

    /** Every type this SDK knows. */
    public static Set<String> known() {
        return PAYLOADS.keySet();
    }

    /** The payload record of {@code type}, or {@link EventData.Unknown} for a type this SDK does not know. */
    public static Class<? extends EventData> payloadOf(String type) {
        return PAYLOADS.getOrDefault(type, EventData.Unknown.class);
    }

    /**
     * {@code data} as the record of {@code type}.
     *
     * @throws IllegalArgumentException when a known type's data does not have its shape
     */
    public static EventData parse(ObjectMapper json, String type, JsonNode data) {
        Class<? extends EventData> payload = payloadOf(type);
        try {
            if (payload == EventData.Unknown.class) {
                return new EventData.Unknown(type, data);
            } else if (payload == EventData.LinkedAccountData.class) {
                return new EventData.LinkedAccountData(json.treeToValue(data, LinkedAccount.class));
            } else if (payload == EventData.ConfigData.class) {
                return new EventData.ConfigData(json.treeToValue(data, Config.class));
            }
            return json.treeToValue(data, payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the data of a " + type + " event does not have its shape", e);
        }
    }
}
