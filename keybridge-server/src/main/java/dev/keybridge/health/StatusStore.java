package dev.keybridge.health;

import dev.keybridge.connection.Connection;
import dev.keybridge.web.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the status API's view of connections (plain SQL, scoped by the caller's org and environment). */
@Component
class StatusStore {

    private static final int TRANSITIONS = 20;

    private final JdbcClient jdbc;

    StatusStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ConnectionStatus of(Connection c) {
        return jdbc.sql("""
                        select c.id, c.app_slug, a.external_id, c.end_user_org_id, c.status, c.status_reason,
                               c.status_changed_at, c.created_at, c.credential_expires_at, c.last_refreshed_at,
                               c.last_error, c.last_error_at, c.refresh_failures
                        from connection c join linked_account a on a.id = c.linked_account_id
                        where c.id = ? and c.org_id = ? and c.environment = ?""")
                .params(c.id(), c.orgId(), c.environment().wire())
                .query((rs, n) -> row(rs, transitions(c.id()))).single();
    }

    private List<ConnectionStatus.Transition> transitions(String id) {
        List<ConnectionStatus.Transition> newestFirst = jdbc.sql("select from_status, to_status, reason, at from connection_transition "
                        + "where connection_id = ? order by seq desc limit " + TRANSITIONS)
                .param(id)
                .query((rs, n) -> new ConnectionStatus.Transition(rs.getString(1), rs.getString(2), rs.getString(3),
                        fmt(rs.getTimestamp(4))))
                .list();
        return newestFirst.reversed();
    }

    private static ConnectionStatus row(ResultSet rs, List<ConnectionStatus.Transition> transitions) throws SQLException {
        return new ConnectionStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), fmt(rs.getTimestamp(7)), fmt(rs.getTimestamp(8)), fmt(rs.getTimestamp(9)),
                fmt(rs.getTimestamp(10)), rs.getString(11), fmt(rs.getTimestamp(12)), rs.getInt(13), transitions);
    }

    private static String fmt(Timestamp t) {
        return t == null ? null : Timestamps.format(t.toInstant());
    }
}
