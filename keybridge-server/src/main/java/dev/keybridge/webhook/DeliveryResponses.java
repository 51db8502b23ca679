package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The wire shapes of the delivery log, redelivery and replay. */
final class DeliveryResponses {

    private DeliveryResponses() {}

    /** One delivery of one event to one endpoint. */
    @Schema(name = "WebhookDelivery")
    @JsonPropertyOrder({"id", "event_id", "event_type", "event_created", "manual", "status", "attempts",
            "next_attempt_at", "last_status_code", "last_error", "created_at", "completed_at"})
    public record Delivery(
            String id,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("event_type") String eventType,
            @JsonProperty("event_created") String eventCreated,
            @Schema(description = "Sent by a redeliver or replay call.") boolean manual,
            @Schema(allowableValues = {"pending", "succeeded", "failed"}) String status,
            int attempts,
            @JsonProperty("next_attempt_at") @Nullable String nextAttemptAt,
            @JsonProperty("last_status_code") @Nullable Integer lastStatusCode,
            @JsonProperty("last_error") @Nullable String lastError,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("completed_at") @Nullable String completedAt) {

        static Delivery of(DeliveryStore.DeliveryRow d) {
            return new Delivery(d.id(), d.eventId(), d.eventType(), Timestamps.format(d.eventCreatedAt()), d.manual(),
                    d.status(), d.attempts(), "pending".equals(d.status()) ? Timestamps.format(d.nextAttemptAt()) : null,
                    d.lastStatusCode(), d.lastError(), Timestamps.format(d.createdAt()), Timestamps.format(d.completedAt()));
        }
    }

    /** One HTTP attempt of a delivery. */
    @Schema(name = "WebhookAttempt")
    @JsonPropertyOrder({"id", "delivery_id", "event_id", "attempt", "started_at", "status_code", "latency_ms",
            "response_body_excerpt", "error"})
    public record Attempt(
            String id,
            @JsonProperty("delivery_id") String deliveryId,
            @JsonProperty("event_id") String eventId,
            int attempt,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("status_code") @Nullable Integer statusCode,
            @JsonProperty("latency_ms") int latencyMs,
            @JsonProperty("response_body_excerpt") @Nullable String responseBodyExcerpt,
            @Nullable String error) {

        static Attempt of(DeliveryStore.AttemptRow a) {
            return new Attempt(a.id(), a.deliveryId(), a.eventId(), a.attempt(), Timestamps.format(a.startedAt()),
                    a.statusCode(), a.latencyMs(), a.excerpt(), a.error());
        }
    }

    /** The answer of redeliver (202). */
    @Schema(name = "WebhookRedelivered")
    @JsonPropertyOrder({"success", "delivery_id", "event_id"})
    public record Redelivered(boolean success, @JsonProperty("delivery_id") String deliveryId,
                              @JsonProperty("event_id") String eventId) {}

    /** The answer of replay (202): how many deliveries were queued, at most {@code limit}. */
    @Schema(name = "WebhookReplayed")
    @JsonPropertyOrder({"success", "deliveries", "limit"})
    public record Replayed(boolean success, int deliveries, int limit) {}
}
