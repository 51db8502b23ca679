package dev.keybridge.sdk.model;

import java.time.Instant;

/**
 * A single-use link token ({@code lt_…}) that opens Link for one end user (or, made from an access
 * token, Link in update mode). {@link #toString()} does not show it.
 *
 * @param success    true
 * @param token      the link token
 * @param expiration when it expires (30 minutes by default)
 */
public record LinkToken(boolean success, String token, Instant expiration) {

    @Override
    public String toString() {
        return "LinkToken[token=****, expiration=" + expiration + "]";
    }
}
