package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The body of {@code PATCH /webhook/{id}}: a field not sent is kept. */
@Schema(name = "WebhookEndpointUpdate")
public record EndpointPatch(
        @JsonProperty("webhook_url") @Schema(format = "uri") String webhookUrl,
        @JsonProperty("webhook_events") @Schema(nullable = true, description = "Empty or null: all events.")
        List<String> webhookEvents,
        @JsonProperty("is_enabled") Boolean isEnabled) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EndpointPatch from(JsonNode body) {
        JsonFields.body(body, EndpointInput.URL, EndpointInput.EVENTS, EndpointInput.ENABLED);
        EndpointInput in = EndpointInput.forUpdate(body);
        return new EndpointPatch(in.url(), in.eventTypes(), in.enabled());
    }

    EndpointInput input() {
        return new EndpointInput(webhookUrl, webhookEvents, isEnabled);
    }
}
