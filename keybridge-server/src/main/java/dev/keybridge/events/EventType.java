package dev.keybridge.events;

import java.util.List;

/**
 * The catalogue of events that leave Keybridge, each type tied to its payload ({@link EventData}) in code:
 * {@link Events#emit} takes an {@code EventType<T>} and a {@code T}, so a payload of another shape does not
 * compile. Adding a type is adding a constant here (and to {@link #ALL}) with its payload record; the
 * OpenAPI document's {@code webhooks} section, docs/webhooks.md and the SDK's typed events follow from it,
 * and delivery never looks at types beyond matching an endpoint's filter. Each type is emitted from exactly
 * one method ({@code architecture.SourceRulesTest}).
 *
 * @param <T> the payload: a record in {@link EventData}, or one of its marker interfaces that exactly one
 *            record of the owning package implements (the linked account, the config)
 */
public final class EventType<T extends EventData> {

    public static final EventType<EventData.LinkedAccountData> LINKED_ACCOUNT_CREATED = new EventType<>(
            "linked_account.created", EventData.LinkedAccountData.class, "A linked account was created.");
    public static final EventType<EventData.LinkedAccountData> LINKED_ACCOUNT_UPDATED = new EventType<>(
            "linked_account.updated", EventData.LinkedAccountData.class, "A linked account was changed.");
    public static final EventType<EventData.LinkedAccountDeleted> LINKED_ACCOUNT_DELETED = new EventType<>(
            "linked_account.deleted", EventData.LinkedAccountDeleted.class,
            "A linked account was deleted (after a `connection.deleted` for each of its connections).");
    public static final EventType<EventData.Connection> CONNECTION_CREATED = new EventType<>(
            "connection.created", EventData.Connection.class,
            "A connection was made: Link's public token exchanged, the browser SDK's Link finished, or credentials"
                    + " saved or imported.");
    public static final EventType<EventData.Health> CONNECTION_REPAIRED = new EventType<>(
            "connection.repaired", EventData.Health.class,
            "A connection that needed the end user is active again (update mode).");
    public static final EventType<EventData.Health> CONNECTION_DELETED = new EventType<>(
            "connection.deleted", EventData.Health.class,
            "A connection was disconnected (by the API, the dashboard, the end user, or its linked account's"
                    + " deletion); its credentials are erased.");
    public static final EventType<EventData.RefreshFailed> CONNECTION_REFRESH_FAILED = new EventType<>(
            "connection.refresh_failed", EventData.RefreshFailed.class,
            "A token refresh failed (the first failure of a run).");
    public static final EventType<EventData.ScopesUpdated> CONNECTION_SCOPES_UPDATED = new EventType<>(
            "connection.scopes_updated", EventData.ScopesUpdated.class,
            "A connection's granted scopes changed in update mode (`added`, `removed`, and the scopes now granted).");
    public static final EventType<EventData.PendingExpiration> CONNECTION_PENDING_EXPIRATION = new EventType<>(
            "connection.pending_expiration", EventData.PendingExpiration.class,
            "A connection still works but stops at `expires_at` unless the end user renews it in update mode (sent"
                    + " once per horizon, the environment's lead time before it).");
    /** Seed 002's name for an expiring password: only to endpoints that name it (it repeats the one above). */
    public static final EventType<EventData.PendingExpiration> ACCESS_TOKEN_PASSWORD_CHANGE_WARNING = new EventType<>(
            "access_token.password_change_warning", EventData.PendingExpiration.class,
            "Seed 002's name for `connection.pending_expiration` with reason `password_expiring`: sent beside it, only to"
                    + " endpoints that list this type.", true);
    public static final EventType<EventData.ReconnectLinkCreated> RECONNECT_LINK_CREATED = new EventType<>(
            "reconnect_link.created", EventData.ReconnectLinkCreated.class,
            "A reconnect link was made for a connection (the API or the dashboard's repair inbox); its URL is not in the"
                    + " event: `POST /api/v2/public/reconnect-links/{id}/url` gives one for your own channel.");
    public static final EventType<EventData.Health> ACCESS_TOKEN_LOGIN_REQUIRED = new EventType<>(
            "access_token.login_required", EventData.Health.class,
            "A connection needs the end user again (`status_reason` says why).");
    public static final EventType<EventData.ConfigData> CONFIG_UPDATED = new EventType<>(
            "config.updated", EventData.ConfigData.class, "A user config was created or changed.");
    public static final EventType<EventData.ConfigDeleted> CONFIG_DELETED = new EventType<>(
            "config.deleted", EventData.ConfigDeleted.class, "A user config was deleted.");
    /** Sent to one endpoint on request (the dashboard's "send a test event"); never fanned out. */
    public static final EventType<EventData.WebhookTest> WEBHOOK_TEST = new EventType<>(
            "webhook.test", EventData.WebhookTest.class,
            "A test event, sent only to the endpoint it was made for (the dashboard's \"Send a test event\").");

    private static final List<EventType<?>> ALL = List.of(LINKED_ACCOUNT_CREATED, LINKED_ACCOUNT_UPDATED,
            LINKED_ACCOUNT_DELETED, CONNECTION_CREATED, CONNECTION_REPAIRED, CONNECTION_DELETED,
            CONNECTION_REFRESH_FAILED, CONNECTION_SCOPES_UPDATED, CONNECTION_PENDING_EXPIRATION,
            ACCESS_TOKEN_PASSWORD_CHANGE_WARNING, RECONNECT_LINK_CREATED, ACCESS_TOKEN_LOGIN_REQUIRED, CONFIG_UPDATED, CONFIG_DELETED, WEBHOOK_TEST);

    private final String wire;
    private final Class<T> payload;
    private final String description;

    private final boolean optIn;

    private EventType(String wire, Class<T> payload, String description) {
        this(wire, payload, description, false);
    }

    private EventType(String wire, Class<T> payload, String description, boolean optIn) {
        this.wire = wire;
        this.payload = payload;
        this.description = description;
        this.optIn = optIn;
    }

    /** Delivered only to endpoints whose filter names it, never to those that take every type (an alias). */
    public boolean optIn() {
        return optIn;
    }

    /** The wire names of the {@link #optIn()} types. */
    public static String[] optInWires() {
        return ALL.stream().filter(EventType::optIn).map(EventType::wire).toArray(String[]::new);
    }

    /** Every type, in catalogue order. */
    public static List<EventType<?>> values() {
        return ALL;
    }

    public String wire() {
        return wire;
    }

    /** The payload's type: a record, or a marker interface of {@link EventData} one record implements. */
    public Class<T> payload() {
        return payload;
    }

    /** One sentence for the documentation (the OpenAPI {@code webhooks} entry, docs/webhooks.md). */
    public String description() {
        return description;
    }

    public static EventType<?> fromWire(String value) {
        for (EventType<?> t : ALL) {
            if (t.wire.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
