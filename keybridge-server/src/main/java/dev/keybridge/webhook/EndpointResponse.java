package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The wire shape of a webhook endpoint; {@code secret} appears only in create and rotate answers. */
@Schema(name = "WebhookEndpoint")
@JsonPropertyOrder({"id", "_id", "object", "environment", "webhook_url", "webhook_events", "is_enabled",
        "previous_secret_expires_at", "created_at", "updated_at", "secret"})
public record EndpointResponse(
        String id,
        @JsonProperty("_id") @Schema(description = "The original system's name for `id`.") String legacyId,
        @Schema(allowableValues = "webhook_endpoint") String object,
        @Schema(allowableValues = {"test", "production"}) String environment,
        @JsonProperty("webhook_url") String webhookUrl,
        @JsonProperty("webhook_events") @Schema(description = "Empty: all events.") List<String> webhookEvents,
        @JsonProperty("is_enabled") boolean isEnabled,
        @JsonProperty("previous_secret_expires_at")
        @Schema(description = "While the previous secret still signs (after a rotation).")
        @Nullable String previousSecretExpiresAt,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The signing secret (`whsec_…`): only in the answers of create and rotate-secret.")
        String secret) {

    @Override
    public String toString() {
        return "EndpointResponse[id=" + id + ", webhookUrl=" + webhookUrl + ", secret=" + (secret == null ? "null" : "<secret>")
                + "]";
    }

    static EndpointResponse of(WebhookEndpoint e, Instant now) {
        return withSecret(e, now, null);
    }

    static EndpointResponse withSecret(WebhookEndpoint e, Instant now, String secret) {
        boolean overlap = e.previousSecretExpiresAt() != null && e.previousSecretExpiresAt().isAfter(now);
        return new EndpointResponse(e.id(), e.id(), "webhook_endpoint", e.environment().wire(), e.url(),
                e.eventTypes(), e.enabled(), overlap ? Timestamps.format(e.previousSecretExpiresAt()) : null,
                Timestamps.format(e.createdAt()), Timestamps.format(e.updatedAt()), secret);
    }

    /** The answer of a delete. */
    @Schema(name = "WebhookEndpointDeleted")
    @JsonPropertyOrder({"success", "id", "_id"})
    public record Deleted(boolean success, String id, @JsonProperty("_id") String legacyId) {
        static Deleted of(String id) {
            return new Deleted(true, id, id);
        }
    }
}
