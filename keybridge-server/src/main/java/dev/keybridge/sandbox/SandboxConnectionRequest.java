package dev.keybridge.sandbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** The bodies of {@code /sandbox/connection/reset_login} ({@code reason} allowed) and {@code expire_token}. */
final class SandboxConnectionRequest {

    private SandboxConnectionRequest() {}

    /** {@code reset_login}: the snake_case form of {@code reason} is checked after the connection is found. */
    @Schema(name = "SandboxResetLogin")
    public record ResetLogin(
            @JsonProperty("access_token") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200)
            String accessToken,
            @Schema(maxLength = 64, description = "A snake_case status_reason; default invalid_credentials.",
                    example = "password_expired")
            String reason) implements JsonRequest {

        @Override
        public String toString() {
            return "ResetLogin[accessToken=<secret>, reason=" + reason + "]";
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ResetLogin from(JsonNode body) {
            JsonFields f = JsonFields.body(body, "access_token", "reason");
            return new ResetLogin(f.requiredString("access_token", 200), f.optionalString("reason", 64));
        }
    }

    @Schema(name = "SandboxExpireToken")
    public record ExpireToken(
            @JsonProperty("access_token") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200)
            String accessToken) implements JsonRequest {

        @Override
        public String toString() {
            return "ExpireToken[accessToken=<secret>]";
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ExpireToken from(JsonNode body) {
            return new ExpireToken(JsonFields.body(body, "access_token").requiredString("access_token", 200));
        }
    }

    @Schema(name = "SandboxLoginReset")
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"success", "status", "status_reason", "changed"})
    public record Reset(boolean success, String status, @JsonProperty("status_reason") String statusReason,
                        @Schema(description = "False when the connection already needed the end user.") boolean changed) {}
}
