package dev.keybridge.sandbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The bodies of {@code /sandbox/connection/reset_login} ({@code reason} allowed) and {@code expire_token}. */
final class SandboxConnectionRequest {

    private SandboxConnectionRequest() {}

    /** {@code reset_login}: the snake_case form of {@code reason} is checked after the connection is found. */
    @Schema(name = "SandboxResetLogin")
    public record ResetLogin(
            @JsonProperty("access_token") @Size(max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String accessToken,
            @Size(max = 64) @Schema(description = "A snake_case status_reason; default invalid_credentials.",
                    example = "password_expired")
            String reason) implements JsonRequest {

        @Override
        public String toString() {
            return "ResetLogin[accessToken=<secret>, reason=" + reason + "]";
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ResetLogin from(JsonNode body) {
            JsonFields f = JsonFields.body(body, ResetLogin.class);
            return new ResetLogin(f.requiredString("access_token"), f.optionalString("reason"));
        }
    }

    @Schema(name = "SandboxExpireToken")
    public record ExpireToken(
            @JsonProperty("access_token") @Size(max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String accessToken) implements JsonRequest {

        @Override
        public String toString() {
            return "ExpireToken[accessToken=<secret>]";
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ExpireToken from(JsonNode body) {
            return new ExpireToken(JsonFields.body(body, ExpireToken.class).requiredString("access_token"));
        }
    }

    @Schema(name = "SandboxLoginReset")
    @JsonPropertyOrder({"success", "status", "status_reason", "changed"})
    public record Reset(boolean success, String status, @JsonProperty("status_reason") String statusReason,
                        @Schema(description = "False when the connection already needed the end user.") boolean changed) {}
}
