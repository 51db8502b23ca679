package dev.keybridge.connection;

import dev.keybridge.tenancy.Environment;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

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
        Instant statusChangedAt,
        /* the scopes the OAuth grant received; null when unknown or not an OAuth2 connection */
        List<String> scopes) {

    /** A row of {@link Connections#COLUMNS}. */
    static Connection from(ResultSet rs, int n) throws SQLException {
        return new Connection(rs.getString("id"), rs.getString("org_id"), Environment.fromWire(rs.getString("environment")),
                rs.getString("linked_account_id"), rs.getString("app_slug"),
                Status.fromWire(rs.getString("status")), rs.getString("status_reason"),
                rs.getString("end_user_org_id"), rs.getString("access_token_hint"), rs.getBytes("credential_ciphertext"),
                rs.getInt("credential_version"), instant(rs.getTimestamp("credential_expires_at")),
                rs.getString("display_name"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("status_changed_at")),
                scopes(rs.getArray("scopes")));
    }

    /** A {@code text[]} column as a list; null stays null. */
    static List<String> scopes(Array array) throws SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    public enum Status {
        ACTIVE, LOGIN_REQUIRED, DISCONNECTED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
