package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** {@code POST /link/token/create} (wire-formats §4). */
@Schema(name = "LinkTokenCreate")
public record LinkTokenRequest(
        @JsonProperty("user_id") @Schema(maxLength = 255,
                description = "The linked_account_id (created if missing); absent: a new one is made.")
        String userId,
        @JsonProperty("org_id") @Schema(maxLength = 255, description = "The end user's own organization reference.")
        String orgId,
        @JsonProperty("access_token") @Schema(maxLength = 200,
                description = "Update mode: the access token of the connection to repair.")
        String accessToken,
        @Schema(maxLength = 64, description = "Open Link on this app (slug), skipping the choice.") String app,
        @JsonProperty("redirect_uri") @Schema(maxLength = 2048,
                description = "Where Link returns (one of the environment's redirect_uris).")
        String redirectUri,
        @Schema(maxLength = 8, description = "Link's language (one of the supported ones).") String language)
        implements JsonRequest {

    @Override
    public String toString() {
        return "LinkTokenRequest[userId=" + userId + ", app=" + app + ", accessToken="
                + (accessToken == null ? "null" : "<secret>") + "]";
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LinkTokenRequest from(JsonNode body, @JacksonInject KeybridgeSettings.Limits limits) {
        JsonFields f = JsonFields.body(body, "user_id", "org_id", "access_token", "app", "redirect_uri", "language");
        String language = f.optionalString("language", 8);
        if (language != null && !LinkLanguages.supported(language)) {
            throw Errors.invalid("'language' must be one of " + String.join(", ", LinkLanguages.SUPPORTED) + ".");
        }
        String userId = f.optionalString("user_id", limits.maxIdLength());
        if (userId != null && userId.isBlank()) {
            throw Errors.invalid("'user_id' must be non-empty and not start or end with white space.");
        }
        return new LinkTokenRequest(userId == null ? null : Ids.chosen("user_id", userId, limits.maxIdLength()), f.optionalString("org_id", limits.maxIdLength()),
                f.optionalString("access_token", 200), f.optionalString("app", 64), f.optionalString("redirect_uri", 2048),
                language);
    }
}
