package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code POST /webhook/subscribe}: adds events (rule in {@link WebhookSubscriptions}). */
@Schema(name = "WebhookSubscribe")
public record SubscribeRequest(
        @JsonProperty("webhook_events") @Size(min = 1) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> webhookEvents,
        @JsonProperty("webhook_url") @Size(max = 4096) @Schema(description = "Which endpoint, when there are several.")
        String webhookUrl) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SubscribeRequest from(JsonNode body) {
        JsonFields f = JsonFields.body(body, SubscribeRequest.class);
        if (!f.has(EndpointInput.EVENTS) || f.isNull(EndpointInput.EVENTS)
                || f.raw(EndpointInput.EVENTS).size() < f.size(EndpointInput.EVENTS).min()) {
            throw Errors.invalid("'webhook_events' is required: a non-empty array of event types.");
        }
        List<String> events = EndpointInput.events(f.raw(EndpointInput.EVENTS));
        return new SubscribeRequest(events, f.optionalString(EndpointInput.URL));
    }
}
