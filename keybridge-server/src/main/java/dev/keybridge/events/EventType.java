package dev.keybridge.events;

/**
 * The catalogue of events that leave Keybridge. Adding a type is adding a constant here; delivery
 * never looks at types beyond matching an endpoint's filter.
 */
public enum EventType {
    LINKED_ACCOUNT_CREATED("linked_account.created"),
    LINKED_ACCOUNT_UPDATED("linked_account.updated"),
    LINKED_ACCOUNT_DELETED("linked_account.deleted"),
    CONNECTION_CREATED("connection.created"),
    CONNECTION_REPAIRED("connection.repaired"),
    CONNECTION_DELETED("connection.deleted"),
    CONNECTION_REFRESH_FAILED("connection.refresh_failed"),
    CONNECTION_SCOPES_UPDATED("connection.scopes_updated"),
    ACCESS_TOKEN_LOGIN_REQUIRED("access_token.login_required"),
    CONFIG_UPDATED("config.updated"),
    CONFIG_DELETED("config.deleted"),
    /** Sent to one endpoint on request (the dashboard's "send a test event"); never fanned out. */
    WEBHOOK_TEST("webhook.test");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static EventType fromWire(String value) {
        for (EventType t : values()) {
            if (t.wire.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + value);
    }
}
