package dev.keybridge.connection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v2/public/application/{slug}/settings}: {@code enabled}, and for OAuth2 apps the
 * environment's {@code client_id} / {@code client_secret} ("" removes; whether the app takes a client is
 * checked once it is known).
 */
@Schema(name = "ApplicationSettingsUpdate")
public record AppSettingsRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean enabled,
        @JsonProperty("client_id") @Size(max = 512) @Schema(description = "OAuth2 apps only; \"\" removes it.")
        String clientId,
        @JsonProperty("client_secret") @Size(max = 2048) @Schema(description = "OAuth2 apps only; \"\" removes it. Secret.")
        String clientSecret) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static AppSettingsRequest from(JsonNode body) {
        JsonFields f = JsonFields.body(body, AppSettingsRequest.class);
        JsonNode enabled = f.raw("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw Errors.invalid("'enabled' is required and must be true or false.");
        }
        return new AppSettingsRequest(enabled.asBoolean(), f.optionalString("client_id"),
                f.optionalString("client_secret"));
    }

    @Override
    public String toString() {
        return "AppSettingsRequest[enabled=" + enabled + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "null" : "<secret>") + "]";
    }
}
