package dev.keybridge.connector;

import java.time.Instant;

/**
 * When a connection's credential stops working unless the end user acts, and why: a refresh token's
 * lifetime ({@link #REFRESH_TOKEN}), a password the provider reports as expiring ({@link #PASSWORD}), a key
 * whose expiry the provider states ({@link #KEY}), a consent window that a refresh does not extend ({@link #CONSENT}).
 * Keybridge warns before it ({@code connection.pending_expiration}); update mode renews it.
 */
public record Expiry(Instant at, String reason) {

    public static final String REFRESH_TOKEN = "refresh_token_expiring";
    public static final String PASSWORD = "password_expiring";
    public static final String KEY = "key_expiring";
    public static final String CONSENT = "consent_expiring";

    public Expiry {
        if (at == null || reason == null || !reason.matches("[a-z][a-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("an expiry needs a time and a snake_case reason");
        }
    }

    /** The sooner of two horizons (either may be null): what breaks first is what the end user must fix. */
    public static Expiry earliest(Expiry a, Expiry b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.at().isBefore(a.at()) ? a : b;
    }
}
