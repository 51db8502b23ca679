package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A session token for your front end, scoped to one linked account (an HS256 JWT). It is a
 * credential: {@link #toString()} does not show it.
 *
 * @param token     the token, sent by the browser as {@code authorization: Bearer <token>}
 * @param expiresAt when it stops working
 */
public record SessionToken(String token, @JsonProperty("expires_at") Instant expiresAt) {

    @Override
    public String toString() {
        return "SessionToken[token=****, expiresAt=" + expiresAt + "]";
    }
}
