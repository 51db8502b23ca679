package dev.keybridge.sandbox;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionHealth;
import dev.keybridge.connection.Connections;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.ErrorAnswers;
import dev.keybridge.web.Errors;
import dev.keybridge.web.SuccessResponse;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox controls for connection health (test environment only): force {@code login_required}
 * with a reason ({@code reset_login}, which fires {@code access_token.login_required} like a real
 * failure), and make the stored OAuth2 token expire now ({@code expire_token}).
 */
@RestController
class SandboxConnectionController {

    private final Connections connections;
    private final ConnectionHealth health;
    private final SandboxOAuthProvider oauth;
    private final KeybridgeSettings settings;

    SandboxConnectionController(Connections connections, ConnectionHealth health, SandboxOAuthProvider oauth,
                                KeybridgeSettings settings) {
        this.connections = connections;
        this.health = health;
        this.oauth = oauth;
        this.settings = settings;
    }

    /** Body: {@code access_token}, optional {@code reason} (default {@code invalid_credentials}). */
    @Operation(summary = "Force a sandbox connection to need login",
            description = "Test environment only: puts the connection of `access_token` in `login_required` with `reason` "
                    + "(default `invalid_credentials`), firing `access_token.login_required` like a real failure.")
    @ErrorAnswers({404, 409})
    @PostMapping("/sandbox/connection/reset_login")
    SandboxConnectionRequest.Reset resetLogin(@AuthenticationPrincipal Caller caller,
                                              @RequestBody SandboxConnectionRequest.ResetLogin body) {
        Connection c = connection(caller, body.accessToken());
        String reason = body.reason();
        reason = reason == null ? "invalid_credentials" : reason;
        if (!reason.matches("[a-z][a-z0-9_]{0,63}")) {
            throw Errors.invalid("'reason' must be a snake_case word such as otp_expired or password_expired.");
        }
        if (c.status() != Connection.Status.ACTIVE) {
            throw new Errors.Conflict("connection_not_active", "Only an active connection can be reset; this one is "
                    + c.status().wire() + ".");
        }
        boolean moved = health.loginRequired(c, reason);
        return new SandboxConnectionRequest.Reset(true, "login_required", reason, moved);
    }

    /** Body: {@code access_token}. The stored token expires now (and at the sandbox provider, for sandbox-oauth). */
    @Operation(summary = "Expire a sandbox connection's token",
            description = "Test environment only: the stored token of the connection of `access_token` expires now (and at "
                    + "the sandbox provider, for sandbox-oauth).")
    @ErrorAnswers(404)
    @PostMapping("/sandbox/connection/expire_token")
    SuccessResponse expireToken(@AuthenticationPrincipal Caller caller,
                                   @RequestBody SandboxConnectionRequest.ExpireToken body) {
        Connection c = connection(caller, body.accessToken());
        Map<String, String> credentials = connections.credentials(c);
        if (!credentials.containsKey("access_token")) {
            throw Errors.invalid("This connection has no OAuth2 token to expire.");
        }
        if ("sandbox-oauth".equals(c.appSlug())) {
            oauth.expireAccessToken(credentials.get("access_token"));
        }
        connections.expireNow(c);
        return SuccessResponse.OK;
    }

    private Connection connection(Caller caller, String accessToken) {
        if (caller.environment() != Environment.TEST || !settings.sandbox().enabled()) {
            throw new Errors.Forbidden("sandbox_only", "The sandbox works only with test-environment credentials.");
        }
        return connections.findByAccessToken(caller.orgId(), caller.environment(), accessToken.strip())
                .orElseThrow(() -> new Errors.NotFound("invalid_access_token",
                        "No connection in this environment has that access token."));
    }
}
