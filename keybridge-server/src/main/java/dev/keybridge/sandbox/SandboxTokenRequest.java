package dev.keybridge.sandbox;

import static dev.keybridge.web.MaxLengthSetting.Limit.ID;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.JsonRequestPart;
import dev.keybridge.web.MaxLengthSetting;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /sandbox/public_token/create}: {@code linked_account_id} (created if missing), {@code app}
 * (a sandbox app's slug), optional {@code org_id} and {@code options}.
 */
@Schema(name = "SandboxPublicTokenCreate")
public record SandboxTokenRequest(
        @JsonProperty("linked_account_id") @MaxLengthSetting(ID) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String linkedAccountId,
        @Size(max = 64)
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"sandbox-oauth", "sandbox-keys", "sandbox-ehr"})
        String app,
        @JsonProperty("org_id") @MaxLengthSetting(ID) String orgId,
        @Schema(nullable = true) Options options) implements JsonRequest {

    /** What the sandbox login uses; each has a default that succeeds. */
    @Schema(name = "SandboxOptions")
    public record Options(
            @Size(max = 256) @Schema(description = "sandbox-ehr; default user_good.") String username,
            @Size(max = 256) @Schema(description = "sandbox-ehr; default pass_good.") String password,
            @JsonProperty("api_key") @Size(max = 256) @Schema(description = "sandbox-keys: key_good, or key_expiring (expires in five days); default key_good.") String apiKey,
            @Size(max = 256) @Schema(description = "sandbox-oauth; default the app's scopes.") String scope)
            implements JsonRequestPart {

        @Override
        public String toString() {
            return "Options[username=" + username + ", password=<secret>, apiKey=<secret>, scope=" + scope + "]";
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SandboxTokenRequest from(JsonNode body, @JacksonInject KeybridgeSettings.Limits limits) {
        JsonFields f = JsonFields.body(body, SandboxTokenRequest.class, limits);
        String accountId = Ids.chosen("linked_account_id", f.requiredString("linked_account_id"), limits.maxIdLength());
        String slug = f.requiredString("app");
        String endUserOrg = f.optionalString("org_id");
        JsonFields o = f.raw("options") == null || f.raw("options").isNull() ? null
                : JsonFields.at(f.raw("options"), "options", Options.class, null);
        Options options = o == null ? null : new Options(o.optionalString("username"),
                o.optionalString("password"), o.optionalString("api_key"), o.optionalString("scope"));
        return new SandboxTokenRequest(accountId, slug, endUserOrg, options);
    }
}
