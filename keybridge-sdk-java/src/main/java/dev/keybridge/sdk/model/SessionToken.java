package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A session token for your front end, scoped to one linked account (an HS256 JWT), and possibly to some
 * apps. It is a credential: {@link #toString()} does not show it. Revoke it with
 * {@link dev.keybridge.sdk.resource.SessionTokens#revoke(String)}.
 *
 * @param token     the token, sent by the browser as {@code authorization: Bearer <token>}
 * @param tokenId   its id ({@code token_id}; not a credential)
 * @param expiresAt when it stops working
 * @param apps      the app slugs it is limited to (sorted), or null for every app
 */
public record SessionToken(String token, String tokenId, Instant expiresAt, List<String> apps) {

    /** The record as Keybridge answers it. */
    @JsonCreator
    public SessionToken(@JsonProperty("token") String token, @JsonProperty("token_id") String tokenId,
                        @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("apps") List<String> apps) {
        this.token = token;
        this.tokenId = tokenId;
        this.expiresAt = expiresAt;
        this.apps = apps == null ? null : List.copyOf(apps);
    }

    /** A token without id or app scope (the shape before {@code token_id} and {@code apps}). */
    public SessionToken(String token, Instant expiresAt) {
        this(token, null, expiresAt, null);
    }

    /** Whether it is limited to some apps. */
    public boolean isScoped() {
        return apps != null;
    }

    @Override
    public String toString() {
        return "SessionToken[tokenId=" + tokenId + ", token=****, expiresAt=" + expiresAt
                + (apps == null ? "" : ", apps=" + apps) + "]";
    }
}
