package dev.keybridge.link;

import static dev.keybridge.web.MaxLengthSetting.Limit.ID;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connector.Scopes;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.MaxLengthSetting;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** {@code POST /link/token/create} (wire-formats §4). */
@Schema(name = "LinkTokenCreate")
public record LinkTokenRequest(
        @JsonProperty("user_id") @MaxLengthSetting(ID)
        @Schema(description = "The linked_account_id (created if missing); absent: a new one is made.")
        String userId,
        @JsonProperty("org_id") @MaxLengthSetting(ID) @Schema(description = "The end user's own organization reference.")
        String orgId,
        @JsonProperty("access_token") @Size(max = 200)
        @Schema(description = "Update mode: the access token of the connection to repair.")
        String accessToken,
        @Size(max = 64) @Schema(description = "Open Link on this app (slug), skipping the choice.") String app,
        @JsonProperty("redirect_uri") @Size(max = 2048)
        @Schema(description = "Where Link returns (one of the environment's redirect_uris).")
        String redirectUri,
        @Size(max = 8) @Schema(description = "Link's language (one of the supported ones).") String language,
        @Size(min = 1, max = MAX_SCOPES)
        @ArraySchema(arraySchema = @Schema(types = {"array", "null"},
                description = "Update mode (with `access_token`) of an OAuth2 connection: "
                + "scopes to ask for beyond those it holds (each 1-200 characters of RFC 6749 §3.3, no space). The "
                + "end user consents to the new ones; the access token stays the same. Absent or null: none."),
                schema = @Schema(type = "string"))
        List<String> scopes)
        implements JsonRequest {

    /** The most scopes one link token may ask for. */
    static final int MAX_SCOPES = 20;

    @Override
    public String toString() {
        return "LinkTokenRequest[userId=" + userId + ", app=" + app + ", accessToken="
                + (accessToken == null ? "null" : "<secret>") + "]";
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LinkTokenRequest from(JsonNode body, @JacksonInject KeybridgeSettings.Limits limits) {
        JsonFields f = JsonFields.body(body, LinkTokenRequest.class, limits);
        String language = f.optionalString("language");
        if (language != null && !LinkLanguages.supported(language)) {
            throw Errors.invalid("'language' must be one of " + String.join(", ", LinkLanguages.SUPPORTED) + ".");
        }
        String userId = f.optionalString("user_id");
        if (userId != null && userId.isBlank()) {
            throw Errors.invalid("'user_id' must be non-empty and not start or end with white space.");
        }
        return new LinkTokenRequest(userId == null ? null : Ids.chosen("user_id", userId, limits.maxIdLength()),
                f.optionalString("org_id"), f.optionalString("access_token"), f.optionalString("app"),
                f.optionalString("redirect_uri"), language, scopes(f));
    }

    /** {@code scopes}: absent or null → none; else 1 to {@link #MAX_SCOPES} distinct scope-tokens. */
    private static List<String> scopes(JsonFields f) {
        JsonNode node = f.raw("scopes");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_SCOPES) {
            throw Errors.invalid("'scopes' must be an array of 1 to " + MAX_SCOPES + " scopes.");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : node) {
            if (!n.isString() || n.asString().length() > 200 || !Scopes.TOKEN.matcher(n.asString()).matches()) {
                throw Errors.invalid("Each of 'scopes' must be a non-empty string of at most 200 printable characters "
                        + "without spaces, quotes or backslashes (RFC 6749 §3.3).");
            }
            out.add(n.asString());
        }
        return List.copyOf(out);
    }
}
