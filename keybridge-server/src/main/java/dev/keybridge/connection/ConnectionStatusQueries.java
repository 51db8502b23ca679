package dev.keybridge.connection;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reading connections back for people: the status API's view of one, and the counts by status. */
@Service
public class ConnectionStatusQueries {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConnectionExpiry expiry;

    ConnectionStatusQueries(JdbcClient jdbc, Clock clock, ConnectionExpiry expiry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.expiry = expiry;
    }

    /** Connections of every organization by status (for the metrics gauge). */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select status, count(*) from connection group by status")
                .query(rs -> { counts.put(rs.getString(1), rs.getLong(2)); });
        return counts;
    }

    /**
     * The status API's view of a connection, with its latest transitions (oldest first); empty when the
     * connection (or its linked account) was erased since {@code c} was read.
     */
    public Optional<ConnectionStatus> status(Connection c) {
        return jdbc.sql("""
                        select c.id, c.app_slug, a.external_id, c.end_user_org_id, c.status, c.status_reason,
                               c.status_changed_at, c.created_at, c.credential_expires_at, c.last_refreshed_at,
                               c.last_error, c.last_error_at, c.refresh_failures, c.scopes,
                               c.expires_at, c.expiry_reason, c.expiry_warned_at,
                               c.expires_at <= cast(? as timestamptz) + coalesce(make_interval(days =>
                                   (select s.expiry_warning_lead_days from connection_setting s
                                    where s.org_id = c.org_id and s.environment = c.environment)), cast(? as interval))
                        from connection c join linked_account a on a.id = c.linked_account_id
                        where c.id = ? and c.org_id = ? and c.environment = ?""")
                .params(Timestamp.from(clock.instant()), expiry.defaultLead().toSeconds() + " seconds", c.id(), c.orgId(),
                        c.environment().wire())
                .query((rs, n) -> ConnectionStatus.from(rs, transitions(c.id()))).optional();
    }

    private List<ConnectionStatus.Transition> transitions(String id) {
        return jdbc.sql("select from_status, to_status, reason, at from connection_transition "
                        + "where connection_id = ? order by seq desc limit " + ConnectionStatus.TRANSITIONS)
                .param(id).query(ConnectionStatus.Transition::read).list().reversed();
    }
}
