package dev.keybridge.sdk.model;

/**
 * The permanent access token of a connection, from exchanging a public token. Store it (it is a
 * credential: {@link #toString()} does not show it); it stays the same across update mode.
 *
 * @param success true
 * @param token   the access token
 */
public record AccessToken(boolean success, String token) {

    @Override
    public String toString() {
        return "AccessToken[token=****]";
    }
}
