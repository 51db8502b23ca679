package dev.keybridge.sdk.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.sdk.model.Config;
import dev.keybridge.sdk.model.LinkedAccount;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of a webhook event, one record per payload (the server's {@code webhooks} section of its
 * OpenAPI document gives each schema); {@link Unknown} holds the raw JSON of a type this SDK does not know yet,
 * so a newer server never breaks an older SDK. Switch over it:
 *
 * <pre>{@code
 * WebhookEvent event = Webhooks.verify(body, headers, secret);
 * switch (event.type()) {
 *     case EventTypes.CONNECTION_DELETED -> {
 *         EventData.ConnectionHealth gone = event.dataAs(EventData.ConnectionHealth.class);
 *         forget(gone.connectionId());
 *     }
 *     default -> { }
 * }
 * }</pre>
 */
public sealed interface EventData {

    /** {@code linked_account.created}, {@code linked_account.updated}: the linked account as the API shows it. */
    record LinkedAccountData(LinkedAccount account) implements EventData {}

    /**
     * {@code linked_account.deleted}.
     *
     * @param id        Keybridge's id of the account ({@code _id})
     * @param accountId your id for it ({@code account_id})
     */
    record LinkedAccountDeleted(@JsonProperty("_id") String id, @JsonProperty("account_id") String accountId)
            implements EventData {}

    /**
     * {@code connection.created}.
     *
     * @param connectionId    the connection
     * @param linkedAccountId your id for its linked account
     * @param app             the app's slug
     * @param status          {@code active}, …
     * @param orgId           the end user's organization, when Link was given one
     * @param createdAt       when the connection was made
     */
    record Connection(@JsonProperty("connection_id") String connectionId,
                      @JsonProperty("linked_account_id") String linkedAccountId,
                      String app,
                      String status,
                      @JsonProperty("org_id") @Nullable String orgId,
                      @JsonProperty("created_at") Instant createdAt) implements EventData {}

    /**
     * {@code connection.repaired}, {@code connection.deleted}, {@code access_token.login_required}: a health
     * transition.
     *
     * @param connectionId    the connection
     * @param linkedAccountId your id for its linked account
     * @param app             the app's slug
     * @param status          the new status: {@code active}, {@code login_required} or {@code disconnected}
     * @param statusReason    why (e.g. {@code otp_expired}, {@code deleted}, {@code linked_account_deleted}), or null
     * @param orgId           the end user's organization, when Link was given one
     * @param at              when it happened
     */
    record ConnectionHealth(@JsonProperty("connection_id") String connectionId,
                            @JsonProperty("linked_account_id") String linkedAccountId,
                            String app,
                            String status,
                            @JsonProperty("status_reason") @Nullable String statusReason,
                            @JsonProperty("org_id") @Nullable String orgId,
                            Instant at) implements EventData {}

    /**
     * {@code connection.refresh_failed}: the first failure of a run of token refreshes.
     *
     * @param connectionId the connection
     * @param app          the app's slug
     * @param error        what failed (e.g. {@code oauth_error})
     */
    record RefreshFailed(@JsonProperty("connection_id") String connectionId, String app, String error)
            implements EventData {}

    /**
     * {@code connection.scopes_updated}: an update-mode Link changed the scopes of an OAuth grant.
     *
     * @param connectionId    the connection
     * @param linkedAccountId your id for its linked account
     * @param app             the app's slug
     * @param added           scopes the grant holds now and did not before
     * @param removed         scopes the grant held before and no longer does
     * @param scopes          every scope the grant holds now
     */
    record ScopesUpdated(@JsonProperty("connection_id") String connectionId,
                         @JsonProperty("linked_account_id") String linkedAccountId, String app,
                         List<String> added, List<String> removed,
                         List<String> scopes) implements EventData {}

    /**
     * {@code connection.pending_expiration} and {@code access_token.password_change_warning}: the connection still
     * works and stops at {@code expiresAt} unless the end user renews it in update mode.
     *
     * @param connectionId    the connection
     * @param linkedAccountId your id of its linked account
     * @param app             the app's slug
     * @param expiresAt       when it stops working
     * @param reason          {@code refresh_token_expiring} or {@code password_expiring}
     * @param orgId           the end user's own organization reference, or null
     */
    record PendingExpiration(@JsonProperty("connection_id") String connectionId,
                             @JsonProperty("linked_account_id") String linkedAccountId, String app,
                             @JsonProperty("expires_at") Instant expiresAt, String reason,
                             @JsonProperty("org_id") String orgId) implements EventData {}

    /**
     * {@code reconnect_link.created}: a reconnect link was made. Its URL is not in the event; ask for one with
     * {@code keybridge.repair().url(reconnectLinkId)}.
     *
     * @param reconnectLinkId the link ({@code rl_…})
     * @param connectionId    the connection it repairs
     * @param linkedAccountId your id of its linked account
     * @param app             the app's slug
     * @param expiresAt       when it stops working
     * @param email           where Keybridge e-mailed it, or null
     * @param language        its language, or null
     */
    record ReconnectLinkCreated(@JsonProperty("reconnect_link_id") String reconnectLinkId,
                                @JsonProperty("connection_id") String connectionId,
                                @JsonProperty("linked_account_id") String linkedAccountId, String app,
                                @JsonProperty("expires_at") Instant expiresAt, String email, String language)
            implements EventData {}

    /** {@code config.updated}: the config as the API shows it. */
    record ConfigData(Config config) implements EventData {}

    /**
     * {@code config.deleted}.
     *
     * @param id              the config's id ({@code _id})
     * @param configId        its {@code config_id}
     * @param slug            the app
     * @param linkedAccountId your id for its linked account
     */
    record ConfigDeleted(@JsonProperty("_id") String id, @JsonProperty("config_id") String configId, String slug,
                         @JsonProperty("linked_account_id") String linkedAccountId) implements EventData {}

    /**
     * {@code webhook.test}: sent on request to one endpoint.
     *
     * @param message a line of text
     * @param sentAt  when it was asked for
     */
    record WebhookTest(String message, @JsonProperty("sent_at") Instant sentAt) implements EventData {}

    /**
     * An event type this SDK does not know (a newer server's): its {@code data} as JSON.
     *
     * @param type the event type
     * @param raw  the {@code data}
     */
    record Unknown(String type, JsonNode raw) implements EventData {}
}
