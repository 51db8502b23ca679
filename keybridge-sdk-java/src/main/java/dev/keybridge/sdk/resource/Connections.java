package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.ConnectionStatus;
import dev.keybridge.sdk.model.Disconnection;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;

/**
 * Connections by access token ({@code /v1/connection}): status and disconnect. The connections of one
 * linked account are at {@link LinkedAccounts#connections(String)}.
 */
public final class Connections extends ApiResource {

    /** Made by {@link dev.keybridge.sdk.Keybridge#connections()}. */
    public Connections(Requester requester) {
        super(requester);
    }

    /**
     * The status of the connection of {@code accessToken}.
     *
     * @throws NotFoundException when no connection has this access token (a disconnected one included)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ConnectionStatus retrieve(String accessToken) {
        return retrieve(accessToken, RequestOptions.NONE);
    }

    /**
     * {@link #retrieve(String)} with per-call options.
     *
     * @throws NotFoundException when no connection has this access token (a disconnected one included)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ConnectionStatus retrieve(String accessToken, RequestOptions options) {
        return call("GET", "/v1/connection", null, null, Safety.SAFE, token(options, accessToken),
                ConnectionStatus.class);
    }

    /**
     * Disconnects it: revokes at the provider where possible, erases the credentials.
     *
     * @throws NotFoundException when no connection has this access token
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Disconnection disconnect(String accessToken) {
        return disconnect(accessToken, RequestOptions.NONE);
    }

    /**
     * {@link #disconnect(String)} with per-call options.
     *
     * @throws NotFoundException when no connection has this access token
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public Disconnection disconnect(String accessToken, RequestOptions options) {
        return call("DELETE", "/v1/connection", null, null, Safety.SAFE, token(options, accessToken),
                Disconnection.class);
    }

    private static RequestOptions token(RequestOptions options, String accessToken) {
        return withHeader(options, "access_token", accessToken);
    }
}
