package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code POST /webhook/unsubscribe}: removes one event (rule in {@link WebhookSubscriptions}). */
@Schema(name = "WebhookUnsubscribe")
public record UnsubscribeRequest(
        @JsonProperty("webhook_event") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100)
        String webhookEvent,
        @JsonProperty("webhook_url") @Schema(description = "Which endpoint, when there are several.")
        String webhookUrl) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static UnsubscribeRequest from(JsonNode body) {
        JsonFields f = JsonFields.body(body, "webhook_event", EndpointInput.URL);
        String name = f.requiredString("webhook_event", 100);
        String event = EndpointInput.events(JsonNodeFactory.instance.arrayNode().add(name)).getFirst();
        return new UnsubscribeRequest(event, f.optionalString(EndpointInput.URL, 4096));
    }
}
