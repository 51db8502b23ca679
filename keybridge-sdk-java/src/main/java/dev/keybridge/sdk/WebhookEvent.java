package dev.keybridge.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A verified webhook event: {@code {id, object: "event", created, type, environment, data}}.
 * Deduplicate on {@link #id()}: an event may arrive more than once.
 *
 * @param id          {@code evt_…}, also the {@code webhook-id} header
 * @param object      {@code event}
 * @param created     when the change happened
 * @param type        e.g. {@code linked_account.created}, {@code access_token.login_required}
 * @param environment {@code test} or {@code production}
 * @param data        the event's payload
 */
public record WebhookEvent(String id, String object, Instant created, String type, String environment, JsonNode data) {}
