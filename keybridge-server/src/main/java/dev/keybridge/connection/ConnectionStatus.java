package dev.keybridge.connection;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The status API's view of a connection: health, reason, last refresh, last error, recent transitions. */
public record ConnectionStatus(
        String id,
        String app,
        @JsonProperty("linked_account_id") String linkedAccountId,
        @JsonProperty("org_id") @Nullable String endUserOrgId,
        String status,
        @JsonProperty("status_reason") @Nullable String statusReason,
        @JsonProperty("status_changed_at") String statusChangedAt,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("token_expires_at") @Nullable String tokenExpiresAt,
        @JsonProperty("last_refreshed_at") @Nullable String lastRefreshedAt,
        @JsonProperty("last_error") @Nullable String lastError,
        @JsonProperty("last_error_at") @Nullable String lastErrorAt,
        @JsonProperty("refresh_failures") int refreshFailures,
        @Schema(description = "The scopes the OAuth grant received (RFC 6749 §5.1: the token response's scope, else "
                + "the requested ones), updated by update mode and by a refresh that reports them; null when not an "
                + "OAuth2 connection or not known (linked before Keybridge stored scopes).")
        @Nullable List<String> scopes,
        @Schema(description = "When the credential stops working unless the end user renews it in update mode (a refresh "
                + "token's lifetime, an expiring password); null when no end is known.")
        @Nullable Expiration expiration,
        List<Transition> transitions) {

    /** A known end of the credential; {@code pending} once it lies within the environment's warning lead time. */
    @Schema(name = "ConnectionExpiration")
    public record Expiration(
            @JsonProperty("expires_at") String expiresAt,
            @Schema(example = "password_expiring", description = "`refresh_token_expiring` or `password_expiring`.")
            String reason,
            @Schema(description = "Within the lead time: `connection.pending_expiration` is due or was sent.")
            boolean pending,
            @JsonProperty("warned_at") @Schema(description = "When `connection.pending_expiration` was sent for this end.")
            @Nullable String warnedAt) {}

    /** How many transitions the view carries (the newest). */
    static final int TRANSITIONS = 20;

    public record Transition(@Nullable String from, String to, @Nullable String reason, String at) {

        static Transition read(ResultSet rs, int n) throws SQLException {
            return new Transition(rs.getString(1), rs.getString(2), rs.getString(3), fmt(rs.getTimestamp(4)));
        }
    }

    /** From the columns of {@link Connections#status}, in their order. */
    static ConnectionStatus from(ResultSet rs, List<Transition> transitions) throws SQLException {
        return new ConnectionStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), fmt(rs.getTimestamp(7)), fmt(rs.getTimestamp(8)), fmt(rs.getTimestamp(9)),
                fmt(rs.getTimestamp(10)), rs.getString(11), fmt(rs.getTimestamp(12)), rs.getInt(13),
                Connection.scopes(rs.getArray(14)), expiration(rs), transitions);
    }

    private static Expiration expiration(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(15);
        return at == null ? null : new Expiration(fmt(at), rs.getString(16), rs.getBoolean(18), fmt(rs.getTimestamp(17)));
    }

    private static String fmt(Timestamp t) {
        return t == null ? null : Timestamps.format(t.toInstant());
    }
}
