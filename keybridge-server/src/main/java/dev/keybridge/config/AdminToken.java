package dev.keybridge.config;

import org.jspecify.annotations.Nullable;

/**
 * The rule for {@code KEYBRIDGE_ADMIN_TOKEN}: unset (or blank) leaves the admin API off; set, it must be
 * at least {@link #MIN_LENGTH} characters, since it opens every organization and, unlike the credentials
 * Keybridge issues, is chosen by an operator. A shorter one is refused at start with a message that names
 * the setting and the minimum, never the value.
 */
final class AdminToken {

    static final int MIN_LENGTH = 32;

    private AdminToken() {}

    static void check(@Nullable String token) {
        if (token != null && !token.isBlank() && token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("KEYBRIDGE_ADMIN_TOKEN must be at least " + MIN_LENGTH
                    + " characters (a random value, e.g. openssl rand -hex 32); the one set is shorter");
        }
    }
}
