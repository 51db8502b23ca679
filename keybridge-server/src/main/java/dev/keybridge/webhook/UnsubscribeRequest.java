package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code POST /webhook/unsubscribe}: removes one event (rule in {@link WebhookSubscriptions}). */
@Schema(name = "WebhookUnsubscribe")
public record UnsubscribeRequest(
        @JsonProperty("webhook_event") @Size(max = 100) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String webhookEvent,
        @JsonProperty("webhook_url") @Size(max = 4096) @Schema(description = "Which endpoint, when there are several.")
        String webhookUrl) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static UnsubscribeRequest from(JsonNode body) {
        JsonFields f = JsonFields.body(body, UnsubscribeRequest.class);
        String name = f.requiredString("webhook_event");
        String event = EndpointInput.events(JsonNodeFactory.instance.arrayNode().add(name)).getFirst();
        return new UnsubscribeRequest(event, f.optionalString(EndpointInput.URL));
    }
}
