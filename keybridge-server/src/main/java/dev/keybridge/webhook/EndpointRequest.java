package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /webhook}: creates an endpoint, or updates the one that already has this
 * {@code webhook_url} (the original system's "create or update"); event names are resolved
 * (aliases to ours) when read.
 */
@Schema(name = "WebhookEndpointCreate")
public record EndpointRequest(
        @JsonProperty("webhook_url") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri",
                description = "An https URL (http only to hosts the environment allows).")
        String webhookUrl,
        @JsonProperty("webhook_events") @Schema(nullable = true,
                description = "Event types (or the original system's names); empty, null or absent: all. On an update, absent keeps them.")
        List<String> webhookEvents,
        @JsonProperty("is_enabled") @Schema(description = "Default true on create; absent keeps it on an update.")
        Boolean isEnabled) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EndpointRequest from(JsonNode body) {
        JsonFields.body(body, EndpointInput.URL, EndpointInput.EVENTS, EndpointInput.ENABLED);
        EndpointInput.forCreate(body);
        EndpointInput update = EndpointInput.forUpdate(body);
        return new EndpointRequest(update.url(), update.eventTypes(), update.enabled());
    }

    /** As a new endpoint: no events means all, enabled unless said otherwise. */
    EndpointInput forCreate() {
        return new EndpointInput(webhookUrl, webhookEvents == null ? List.of() : webhookEvents,
                isEnabled == null ? Boolean.TRUE : isEnabled);
    }

    /** As an update of the endpoint with this URL: what was not sent is kept. */
    EndpointInput forUpdate() {
        return new EndpointInput(webhookUrl, webhookEvents, isEnabled);
    }
}
