package dev.keybridge.sdk.resource;

import dev.keybridge.sdk.RequestOptions;
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

    /** The status of the connection of {@code accessToken}. */
    public ConnectionStatus retrieve(String accessToken) {
        return call("GET", "/v1/connection", null, null, Safety.SAFE, token(accessToken), ConnectionStatus.class);
    }

    /** Disconnects it: revokes at the provider where possible, erases the credentials. */
    public Disconnection disconnect(String accessToken) {
        return call("DELETE", "/v1/connection", null, null, Safety.SAFE, token(accessToken), Disconnection.class);
    }

    private static RequestOptions token(String accessToken) {
        return RequestOptions.builder().header("access_token", accessToken).build();
    }
}
