package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One attempt of a delivery.
 *
 * @param id                  attempt id
 * @param deliveryId          its delivery
 * @param eventId             its event
 * @param attempt             1, 2, …
 * @param startedAt           when it started
 * @param statusCode          the receiver's status, or null
 * @param latencyMs           how long it took
 * @param responseBodyExcerpt the first 2 KB of the receiver's answer
 * @param error               why it failed, or null
 */
public record DeliveryAttempt(
        String id,
        @JsonProperty("delivery_id") String deliveryId,
        @JsonProperty("event_id") String eventId,
        int attempt,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("status_code") Integer statusCode,
        @JsonProperty("latency_ms") Long latencyMs,
        @JsonProperty("response_body_excerpt") String responseBodyExcerpt,
        String error) {}
