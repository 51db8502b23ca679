package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint. {@link #secret()} ({@code whsec_…}) is set only in the answers to create and
 * rotate-secret (shown that once); {@link #toString()} never shows it.
 *
 * @param id                      {@code we_…} id
 * @param object                  {@code webhook_endpoint}
 * @param environment             {@code test} or {@code production}
 * @param webhookUrl              where events are POSTed
 * @param webhookEvents           event types it receives (empty = all)
 * @param isEnabled               whether it receives events
 * @param previousSecretExpiresAt end of a rotation overlap, or null
 * @param createdAt               creation time
 * @param updatedAt               last change
 * @param secret                  the signing secret, or null
 */
public record WebhookEndpoint(
        String id,
        String object,
        String environment,
        @JsonProperty("webhook_url") String webhookUrl,
        @JsonProperty("webhook_events") List<String> webhookEvents,
        @JsonProperty("is_enabled") boolean isEnabled,
        @JsonProperty("previous_secret_expires_at") Instant previousSecretExpiresAt,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        String secret) {

    @Override
    public String toString() {
        return "WebhookEndpoint[id=" + id + ", webhookUrl=" + webhookUrl + ", webhookEvents=" + webhookEvents
                + ", isEnabled=" + isEnabled + ", previousSecretExpiresAt=" + previousSecretExpiresAt
                + (secret == null ? "" : ", secret=****") + "]";
    }
}
