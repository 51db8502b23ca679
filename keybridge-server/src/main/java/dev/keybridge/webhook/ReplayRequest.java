package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** {@code POST /webhook/{id}/replay}: sends again every event created at or after {@code since}. */
@Schema(name = "WebhookReplay")
public record ReplayRequest(
        @JsonProperty("since") @Size(max = 40) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, type = "string",
                format = "date-time", example = "2026-01-31T12:00:00.000Z")
        Instant since) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ReplayRequest from(JsonNode body) {
        String text = JsonFields.body(body, ReplayRequest.class).requiredString("since");
        try {
            return new ReplayRequest(Timestamps.parse(text));
        } catch (DateTimeException ex) {
            throw Errors.invalid("'since' must be an ISO-8601 UTC time such as 2026-01-31T12:00:00.000Z.");
        }
    }
}
