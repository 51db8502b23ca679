package dev.keybridge.session;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v2/public/session-token}: {@code linked_account_id}, optional {@code apps} (slugs
 * the token is limited to; whether each is enabled is checked by the controller, in the order sent).
 */
@Schema(name = "SessionTokenCreate")
public record SessionTokenRequest(
        @JsonProperty("linked_account_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255)
        String linkedAccountId,
        @JsonProperty("apps")
        @ArraySchema(arraySchema = @Schema(types = {"array", "null"},
                description = "Limit the token to these enabled apps (1–100 slugs); absent or null: every app."),
                schema = @Schema(type = "string"))
        List<String> apps) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SessionTokenRequest from(JsonNode body, @JacksonInject KeybridgeSettings.Limits limits) {
        JsonFields f = JsonFields.body(body, "linked_account_id", "apps");
        String id = Ids.chosen("linked_account_id", f.requiredString("linked_account_id", limits.maxIdLength()),
                limits.maxIdLength());
        if (!f.has("apps") || f.isNull("apps")) {
            return new SessionTokenRequest(id, null);
        }
        JsonNode list = f.raw("apps");
        if (!list.isArray() || list.isEmpty() || list.size() > 100) {
            throw Errors.invalid("'apps' must be a non-empty array of app slugs (at most 100), or absent for every app.");
        }
        List<String> apps = new ArrayList<>();
        for (JsonNode item : list) {
            apps.add(item.isString() ? item.asString() : null); // null: not a string (refused in order with the rest)
        }
        return new SessionTokenRequest(id, java.util.Collections.unmodifiableList(apps));
    }
}
