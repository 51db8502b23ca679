package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One row of an endpoint's delivery log: one event sent (and retried) to one endpoint.
 *
 * @param id             delivery id
 * @param eventId        the event ({@code evt_…}, also the {@code webhook-id} header)
 * @param eventType      its type
 * @param eventCreated   when the event happened
 * @param manual         made by redeliver/replay
 * @param status         {@code pending}, {@code succeeded} or {@code failed}
 * @param attempts       attempts so far
 * @param nextAttemptAt  next attempt while pending, or null
 * @param lastStatusCode the receiver's last status, or null
 * @param lastError      the last failure, or null
 * @param createdAt      when it was queued
 * @param completedAt    when it ended, or null
 */
public record Delivery(
        String id,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("event_created") Instant eventCreated,
        boolean manual,
        String status,
        int attempts,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonProperty("last_status_code") Integer lastStatusCode,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("completed_at") Instant completedAt) {}
