package dev.keybridge.sandbox;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /sandbox/public_token/create}: {@code linked_account_id} (created if missing), {@code app}
 * (a sandbox app's slug), optional {@code org_id} and {@code options}.
 */
@Schema(name = "SandboxPublicTokenCreate")
public record SandboxTokenRequest(
        @JsonProperty("linked_account_id") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255)
        String linkedAccountId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"sandbox-oauth", "sandbox-keys", "sandbox-ehr"})
        String app,
        @JsonProperty("org_id") @Schema(maxLength = 255) String orgId,
        @Schema(nullable = true) Options options) implements JsonRequest {

    /** What the sandbox login uses; each has a default that succeeds. */
    @Schema(name = "SandboxOptions")
    public record Options(
            @Schema(maxLength = 256, description = "sandbox-ehr; default user_good.") String username,
            @Schema(maxLength = 256, description = "sandbox-ehr; default pass_good.") String password,
            @JsonProperty("api_key") @Schema(maxLength = 256, description = "sandbox-keys; default key_good.") String apiKey,
            @Schema(maxLength = 256, description = "sandbox-oauth; default the app's scopes.") String scope) {

        @Override
        public String toString() {
            return "Options[username=" + username + ", password=<secret>, apiKey=<secret>, scope=" + scope + "]";
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SandboxTokenRequest from(JsonNode body, @JacksonInject KeybridgeSettings.Limits limits) {
        JsonFields f = JsonFields.body(body, "linked_account_id", "app", "options", "org_id");
        String accountId = Ids.chosen("linked_account_id", f.requiredString("linked_account_id", limits.maxIdLength()),
                limits.maxIdLength());
        String slug = f.requiredString("app", 64);
        String endUserOrg = f.optionalString("org_id", limits.maxIdLength());
        JsonFields o = f.raw("options") == null || f.raw("options").isNull() ? null
                : JsonFields.at(f.raw("options"), "options", "username", "password", "api_key", "scope");
        Options options = o == null ? null : new Options(o.optionalString("username", 256),
                o.optionalString("password", 256), o.optionalString("api_key", 256), o.optionalString("scope", 256));
        return new SandboxTokenRequest(accountId, slug, endUserOrg, options);
    }
}
