package dev.keybridge.account;

import static dev.keybridge.web.MaxLengthSetting.Limit.ID;
import static dev.keybridge.web.MaxLengthSetting.Limit.NAME;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.JsonRequestPart;
import dev.keybridge.web.MaxLengthSetting;
import dev.keybridge.web.Patch;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PUT} (upsert) and {@code POST} (create) {@code /api/v2/public/linked-account}
 * (wire-formats §2). {@code name} and {@code your_app} tell "absent" (kept) from {@code null} (cleared).
 */
@Schema(name = "LinkedAccountUpsert", description = "Upsert (PUT) or create (POST) a linked account.")
public record UpsertRequest(
        @JsonProperty("linked_account_id") @MaxLengthSetting(ID)
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Your own id for your end user; unique per organization and environment. No '/' or '\\\\'.")
        String linkedAccountId,
        @JsonProperty("name") @MaxLengthSetting(NAME)
        @Schema(implementation = String.class, nullable = true,
                description = "Display name. Absent: kept; null: cleared.")
        Patch<String> name,
        @JsonProperty("udf")
        @Schema(types = {"object", "null"}, additionalPropertiesSchema = UdfValue.class,
                description = "User-defined fields: key → string, number, boolean; null removes the key. Keys not sent are kept.")
        Map<String, JsonNode> udf,
        @JsonProperty("your_app")
        @Schema(implementation = YourApp.class, description = "Absent: kept; null: removed.")
        Patch<YourApp> yourApp) implements JsonRequest {

    /** {@code your_app}: the end user's credentials for your own app (secret, never echoed in clear). */
    @Schema(name = "LinkedAccountYourApp")
    public record YourApp(
            @JsonProperty("app_id") @MaxLengthSetting(ID) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String appId,
            @JsonProperty("auth_credentials")
            @Schema(types = {"object", "null"}, description = "Secret; answers show its keys with masked values.")
            JsonNode authCredentials) implements JsonRequestPart {

        @Override
        public String toString() {
            return "YourApp[appId=" + appId + ", authCredentials=" + (authCredentials == null ? "null" : "<secret>") + "]";
        }
    }

    /** A udf value. */
    @Schema(name = "UdfValue", description = "A string, number, boolean or null.",
            oneOf = {String.class, Double.class, Boolean.class})
    interface UdfValue {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static UpsertRequest from(JsonNode body, @JacksonInject KeybridgeSettings.Limits limits) {
        AccountInput in = AccountInput.parse(body, limits);
        YourApp app = in.yourApp() == null ? null : new YourApp(in.yourApp().appId(), in.yourApp().credentials());
        return new UpsertRequest(in.linkedAccountId(), Patch.of(in.nameSent(), in.name()), in.udf(),
                Patch.of(in.yourAppSent(), app));
    }

    AccountInput input() {
        YourApp app = yourApp.value();
        return new AccountInput(linkedAccountId, name.sent(), name.value(), udf, yourApp.sent(),
                app == null ? null : new AccountInput.YourAppInput(app.appId(), app.authCredentials()));
    }
}
