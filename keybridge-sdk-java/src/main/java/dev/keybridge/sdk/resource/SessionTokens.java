package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.SessionToken;
import dev.keybridge.sdk.model.SessionTokenRevocation;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import dev.keybridge.sdk.param.SessionTokenParams;
import java.util.Map;

/**
 * Session tokens for your front end ({@code POST /api/v2/public/session-token}): made for one linked account,
 * optionally limited to some apps, and revocable one by one or all of a linked account's at once
 * ({@code POST /api/v2/public/session-token/revoke}).
 */
public final class SessionTokens extends ApiResource {

    private static final String PATH = "/api/v2/public/session-token";

    /** Made by {@link dev.keybridge.sdk.Keybridge#sessionTokens()}. */
    public SessionTokens(Requester requester) {
        super(requester);
    }

    /**
     * A session token for the linked account {@code linkedAccountId}, for every app.
     *
     * @throws NotFoundException when no linked account has this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public SessionToken create(String linkedAccountId) {
        return create(linkedAccountId, RequestOptions.NONE);
    }

    /**
     * {@link #create(String)} with per-call options.
     *
     * @throws NotFoundException when no linked account has this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public SessionToken create(String linkedAccountId, RequestOptions options) {
        return create(SessionTokenParams.builder(linkedAccountId).build(), options);
    }

    /**
     * A session token as {@code params} say: for one linked account, optionally limited to some apps.
     * Idempotent across retries.
     *
     * @throws NotFoundException when no linked account has this id
     * @throws InvalidRequestException when an app of the scope is not enabled in this environment
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public SessionToken create(SessionTokenParams params) {
        return create(params, RequestOptions.NONE);
    }

    /**
     * {@link #create(SessionTokenParams)} with per-call options (e.g. your own idempotency key).
     *
     * @throws NotFoundException when no linked account has this id
     * @throws InvalidRequestException when an app of the scope is not enabled in this environment
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public SessionToken create(SessionTokenParams params, RequestOptions options) {
        return call("POST", PATH, null, params.toBody(), Safety.KEYED, options, SessionToken.class);
    }

    /**
     * Revokes one session token (safe to retry: revoking twice changes nothing).
     *
     * @param token the session token itself (sent in the body, never in a URL)
     * @throws NotFoundException ({@code session_token_not_found}) when it is not a session token of this
     *         organization and environment (a malformed or expired one included)
     * @throws InvalidRequestException when it is too long
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public SessionTokenRevocation revoke(String token) {
        return revoke(token, RequestOptions.NONE);
    }

    /**
     * {@link #revoke(String)} with per-call options.
     *
     * @throws NotFoundException ({@code session_token_not_found}) when it is not a session token of this
     *         organization and environment (a malformed or expired one included)
     * @throws InvalidRequestException when it is too long
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public SessionTokenRevocation revoke(String token, RequestOptions options) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a session token is required");
        }
        return call("POST", PATH + "/revoke", null, Map.of("token", token), Safety.SAFE, options,
                SessionTokenRevocation.class);
    }

    /**
     * Revokes every session token of the linked account {@code linkedAccountId} issued so far (tokens made
     * afterwards work). Safe to retry.
     *
     * @throws NotFoundException when no linked account has this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public SessionTokenRevocation revokeAll(String linkedAccountId) {
        return revokeAll(linkedAccountId, RequestOptions.NONE);
    }

    /**
     * {@link #revokeAll(String)} with per-call options.
     *
     * @throws NotFoundException when no linked account has this id
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public SessionTokenRevocation revokeAll(String linkedAccountId, RequestOptions options) {
        return call("POST", PATH + "/revoke", null, body("linked_account_id", linkedAccountId), Safety.SAFE, options,
                SessionTokenRevocation.class);
    }
}
