package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a redelivery: the new delivery of the event.
 *
 * @param success    true
 * @param deliveryId the new delivery
 * @param eventId    the event sent again
 */
public record Redelivery(boolean success, @JsonProperty("delivery_id") String deliveryId,
                         @JsonProperty("event_id") String eventId) {}
