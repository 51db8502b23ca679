package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.PublicToken;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox controls (test-environment credentials only): link a sandbox app without a browser,
 * force a connection into {@code login_required}, expire its token.
 */
public final class Sandbox extends ApiResource {

    /** Made by {@link dev.keybridge.sdk.Keybridge#sandbox()}. */
    public Sandbox(Requester requester) {
        super(requester);
    }

    /**
     * A sandbox connection of {@code linkedAccountId} to {@code app} (e.g. {@code sandbox-ehr}), made
     * without a browser, as a public token to exchange. {@code username} picks the sandbox behaviour
     * ({@code user_good}, {@code mfa_device}, …; null for the default).
     *
     * @throws InvalidRequestException when the app is not a sandbox app or the credential is a production one
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public PublicToken createPublicToken(String linkedAccountId, String app, String username) {
        return createPublicToken(linkedAccountId, app, username, RequestOptions.NONE);
    }

    /**
     * {@link #createPublicToken(String, String, String)} with per-call options.
     *
     * @throws InvalidRequestException when the app is not a sandbox app or the credential is a production one
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public PublicToken createPublicToken(String linkedAccountId, String app, String username, RequestOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("linked_account_id", linkedAccountId);
        body.put("app", app);
        if (username != null) {
            body.put("options", Map.of("username", username));
        }
        return call("POST", "/sandbox/public_token/create", null, body, Safety.UNSAFE, options, PublicToken.class);
    }

    /**
     * Forces the connection of {@code accessToken} into {@code login_required} with {@code reason}.
     *
     * @throws NotFoundException when no connection has this access token
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public JsonNode resetLogin(String accessToken, String reason) {
        return resetLogin(accessToken, reason, RequestOptions.NONE);
    }

    /**
     * {@link #resetLogin(String, String)} with per-call options.
     *
     * @throws NotFoundException when no connection has this access token
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public JsonNode resetLogin(String accessToken, String reason, RequestOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        if (reason != null) {
            body.put("reason", reason);
        }
        return call("POST", "/sandbox/connection/reset_login", null, body, Safety.SAFE, options, JsonNode.class);
    }

    /**
     * Makes the stored OAuth2 token of {@code accessToken}'s connection expire now.
     *
     * @throws NotFoundException when no connection has this access token
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public JsonNode expireToken(String accessToken) {
        return expireToken(accessToken, RequestOptions.NONE);
    }

    /**
     * {@link #expireToken(String)} with per-call options.
     *
     * @throws NotFoundException when no connection has this access token
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public JsonNode expireToken(String accessToken, RequestOptions options) {
        return call("POST", "/sandbox/connection/expire_token", null, body("access_token", accessToken), Safety.SAFE,
                options, JsonNode.class);
    }
}
