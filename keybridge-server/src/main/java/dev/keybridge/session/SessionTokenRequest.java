package dev.keybridge.session;

import static dev.keybridge.web.MaxLengthSetting.Limit.ID;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.MaxLengthSetting;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v2/public/session-token}: {@code linked_account_id}, optional {@code apps} (slugs
 * the token is limited to; whether each is enabled is checked by the controller, in the order sent).
 */
@Schema(name = "SessionTokenCreate")
public record SessionTokenRequest(
        @JsonProperty("linked_account_id") @MaxLengthSetting(ID) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String linkedAccountId,
        @JsonProperty("apps") @Size(min = 1, max = 100)
        @ArraySchema(arraySchema = @Schema(types = {"array", "null"},
                description = "Limit the token to these enabled apps (slugs); absent or null: every app."),
                schema = @Schema(type = "string"))
        List<String> apps) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SessionTokenRequest from(JsonNode body, @JacksonInject KeybridgeSettings.Limits limits) {
        JsonFields f = JsonFields.body(body, SessionTokenRequest.class, limits);
        String id = Ids.chosen("linked_account_id", f.requiredString("linked_account_id"), limits.maxIdLength());
        if (!f.has("apps") || f.isNull("apps")) {
            return new SessionTokenRequest(id, null);
        }
        JsonNode list = f.raw("apps");
        Size size = f.size("apps");
        if (!list.isArray() || list.size() < size.min() || list.size() > size.max()) {
            throw Errors.invalid("'apps' must be a non-empty array of app slugs (at most " + size.max()
                    + "), or absent for every app.");
        }
        List<String> apps = new ArrayList<>();
        for (JsonNode item : list) {
            apps.add(item.isString() ? item.asString() : null); // null: not a string (refused in order with the rest)
        }
        return new SessionTokenRequest(id, Collections.unmodifiableList(apps));
    }
}
