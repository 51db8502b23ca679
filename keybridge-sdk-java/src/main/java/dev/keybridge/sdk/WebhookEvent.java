package dev.keybridge.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.sdk.event.EventData;
import dev.keybridge.sdk.event.EventTypes;
import java.time.Instant;

/**
 * A verified webhook event: {@code {id, object: "event", created, type, environment, data}}.
 * Deduplicate on {@link #id()}: an event may arrive more than once. {@link #typedData()} (or
 * {@link #dataAs(Class)}) reads {@code data} as its type's record ({@link EventTypes}); a type this SDK does not
 * know yet gives {@link EventData.Unknown} with the raw JSON.
 *
 * @param id          {@code evt_…}, also the {@code webhook-id} header
 * @param object      {@code event}
 * @param created     when the change happened
 * @param type        e.g. {@code linked_account.created}, {@code access_token.login_required}
 * @param environment {@code test} or {@code production}
 * @param data        the event's payload
 */
public record WebhookEvent(String id, String object, Instant created, String type, String environment, JsonNode data) {

    /** When the event was created (the same as {@link #created()}). */
    public Instant createdAt() {
        return created;
    }

    /**
     * {@code data} as its type's record, e.g. {@link EventData.ConnectionHealth} for {@code connection.deleted};
     * {@link EventData.Unknown} for a type this SDK does not know.
     *
     * @throws IllegalArgumentException when a known type's data does not have its shape
     */
    public EventData typedData() {
        return EventTypes.parse(Keybridge.mapper(), type, data);
    }

    /**
     * {@code data} as {@code payload}, the record of this event's type.
     *
     * @throws IllegalStateException when this event's payload is another record
     */
    public <T extends EventData> T dataAs(Class<T> payload) {
        EventData d = typedData();
        if (!payload.isInstance(d)) {
            throw new IllegalStateException("a " + type + " event carries " + d.getClass().getSimpleName() + ", not "
                    + payload.getSimpleName());
        }
        return payload.cast(d);
    }
}
