package dev.keybridge.connection;

import dev.keybridge.tenancy.Environment;
import java.time.Instant;

/** A linked account's connection to one app. Credentials stay sealed here; {@link Connections} opens them. */
public record Connection(
        String id,
        String orgId,
        Environment environment,
        String linkedAccountId,
        String appSlug,
        Status status,
        String statusReason,
        String endUserOrgId,
        String accessTokenHint,
        byte[] credentialCiphertext,
        int credentialVersion,
        Instant credentialExpiresAt,
        String displayName,
        Instant createdAt,
        Instant updatedAt,
        Instant statusChangedAt) {

    public enum Status {
        ACTIVE, LOGIN_REQUIRED, DISCONNECTED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromWire(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
