package dev.keybridge.connection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** {@code PUT /api/v2/public/connections/settings}: the environment's warning lead time, in whole days. */
@Schema(name = "ConnectionSettingsUpdate")
public record ConnectionSettingsRequest(
        @JsonProperty("expiry_warning_lead_days")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "90", example = "7",
                description = "How many days before a connection's known end `connection.pending_expiration` is sent.")
        int expiryWarningLeadDays) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ConnectionSettingsRequest from(JsonNode body) {
        JsonNode days = JsonFields.body(body, ConnectionSettingsRequest.class).raw("expiry_warning_lead_days");
        if (days == null || !days.isIntegralNumber() || !days.canConvertToInt() || days.asInt() < 1 || days.asInt() > 90) {
            throw Errors.invalid("'expiry_warning_lead_days' must be a whole number of days from 1 to 90.");
        }
        return new ConnectionSettingsRequest(days.asInt());
    }
}
