package dev.keybridge.repair;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reconnect links, and their state read with their Link session's: {@code completed} (the Link ended in the
 * repaired connection), {@code expired}, {@code opened}, {@code sent} (e-mailed), {@code send_failed}, else
 * {@code created}.
 */
@Component
class ReconnectLinkStore {

    /** The state of row {@code r} joined with its Link session {@code ls}, at time {@code ?}. */
    static final String STATE = """
            case when ls.step = 'succeeded' then 'completed' when r.expires_at <= cast(? as timestamptz) then 'expired'
                 when ls.opened_at is not null then 'opened' when r.sent_at is not null then 'sent'
                 when r.send_error is not null then 'send_failed' else 'created' end""";

    private static final String SELECT = "select r.id, r.connection_id, r.email, r.language, r.created_at, r.expires_at, "
            + "r.sent_at, r.send_error, ls.opened_at, " + STATE + " from reconnect_link r "
            + "left join link_session ls on ls.id = r.link_session_id and ls.org_id = r.org_id ";

    private final JdbcClient jdbc;
    private final Clock clock;

    ReconnectLinkStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void insert(String id, String orgId, Environment env, String connectionId, String sessionId, @Nullable String email,
                @Nullable String language, String createdBy, Instant expiresAt) {
        jdbc.sql("""
                insert into reconnect_link (id, org_id, environment, connection_id, link_session_id, email, language,
                    created_by, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, orgId, env.wire(), connectionId, sessionId, email, language, createdBy,
                        Timestamp.from(clock.instant()), Timestamp.from(expiresAt))
                .update();
    }

    /** Records the e-mail's outcome: sent now, or why not. */
    void sent(String orgId, String id, @Nullable String error) {
        jdbc.sql("update reconnect_link set sent_at = case when cast(? as text) is null then cast(? as timestamptz) end, send_error = ? "
                        + "where id = ? and org_id = ?")
                .params(error, Timestamp.from(clock.instant()), error, id, orgId).update();
    }

    Optional<ReconnectLink> find(String orgId, Environment env, String id) {
        return jdbc.sql(SELECT + "where r.id = ? and r.org_id = ? and r.environment = ?")
                .params(Timestamp.from(clock.instant()), id, orgId, env.wire())
                .query(ReconnectLinkStore::row).optional();
    }

    /** The Link session a link opens. */
    String sessionOf(String orgId, String id) {
        return jdbc.sql("select link_session_id from reconnect_link where id = ? and org_id = ?").params(id, orgId)
                .query(String.class).single();
    }

    /** The connection's links, newest first (at most 50). */
    List<ReconnectLink> ofConnection(String orgId, Environment env, String connectionId) {
        return jdbc.sql(SELECT + "where r.connection_id = ? and r.org_id = ? and r.environment = ? "
                        + "order by r.created_at desc, r.id desc limit 50")
                .params(Timestamp.from(clock.instant()), connectionId, orgId, env.wire())
                .query(ReconnectLinkStore::row).list();
    }

    private static ReconnectLink row(ResultSet rs, int n) throws SQLException {
        return new ReconnectLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), fmt(rs.getTimestamp(5)),
                fmt(rs.getTimestamp(6)), fmt(rs.getTimestamp(7)), rs.getString(8), fmt(rs.getTimestamp(9)), rs.getString(10),
                null);
    }

    private static @Nullable String fmt(@Nullable Timestamp t) {
        return t == null ? null : Timestamps.format(t.toInstant());
    }
}
