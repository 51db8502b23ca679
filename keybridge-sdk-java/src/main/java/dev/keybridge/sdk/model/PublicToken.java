package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A short-lived, single-use public token ({@code pt_…}) that Link (or the sandbox) yields; exchange it
 * for an {@link AccessToken}. {@link #toString()} does not show it.
 *
 * @param success     true
 * @param publicToken the public token
 */
public record PublicToken(boolean success, @JsonProperty("public_token") String publicToken) {

    @Override
    public String toString() {
        return "PublicToken[publicToken=****]";
    }
}
