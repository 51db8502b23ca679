package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** {@code POST /webhook/{id}/redeliver}: sends one event again. */
@Schema(name = "WebhookRedeliver")
public record RedeliverRequest(
        @JsonProperty("event_id") @Size(max = 64) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String eventId) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RedeliverRequest from(JsonNode body) {
        return new RedeliverRequest(JsonFields.body(body, RedeliverRequest.class).requiredString("event_id"));
    }
}
