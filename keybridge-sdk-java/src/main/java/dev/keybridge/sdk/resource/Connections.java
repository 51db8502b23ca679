package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.ConnectionSettings;
import dev.keybridge.sdk.model.ConnectionStatus;
import dev.keybridge.sdk.model.Disconnection;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;

/**
 * Connections by access token ({@code /v1/connection}): status and disconnect; and the environment's connection
 * settings. The connections of one linked account are at {@link LinkedAccounts#connections(String)}.
 */
public final class Connections extends ApiResource {

    private static final String SETTINGS = "/api/v2/public/connections/settings";

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

    /**
     * Your environment's connection settings: the warning lead time before a connection's known end.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    public ConnectionSettings settings() {
        return call("GET", SETTINGS, null, null, Safety.SAFE, RequestOptions.NONE, ConnectionSettings.class);
    }

    /**
     * Sets the warning lead time (PUT: safe to retry).
     *
     * @throws InvalidRequestException when {@code expiryWarningLeadDays} is not 1 to 90 (nothing is changed)
     * @throws KeybridgeException on any other failure (see its subclasses)
     */
    public ConnectionSettings updateSettings(ConnectionSettings settings) {
        return call("PUT", SETTINGS, null, settings, Safety.SAFE, RequestOptions.NONE, ConnectionSettings.class);
    }

    private static RequestOptions token(RequestOptions options, String accessToken) {
        return withHeader(options, "access_token", accessToken);
    }
}
