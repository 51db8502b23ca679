package dev.keybridge.connection;

import static dev.keybridge.connection.Connections.ts;

import dev.keybridge.tenancy.Environment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The lease on a connection ({@code lease_owner}/{@code lease_until}): which node may call its token
 * endpoint (refresh) or check its login (scheduled checks), shared by any number of nodes. The
 * lease never writes credentials: the fenced write in {@link Connections} checks it and releases it.
 */
@Service
public class CredentialLease {

    /** A connection claimed by the scheduled checks, with the version its lease was taken at. */
    public record Claimed(String id, String orgId, Environment environment, int version) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    CredentialLease(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes the lease if nobody holds it and the credentials are still at {@code version}. */
    public boolean acquireLease(String orgId, String id, int version, String owner, Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("update connection set lease_owner = ?, lease_until = ? "
                        + "where id = ? and org_id = ? and status = 'active' and credential_version = ? "
                        + "and (lease_until is null or lease_until < ?)")
                .params(owner, ts(now.plus(lease)), id, orgId, version, ts(now)).update() == 1;
    }

    /**
     * The background scan: leases up to {@code limit} active, refreshable connections that expire within
     * {@code margin} or were not refreshed for {@code keepAlive}, skipping those in backoff or leased.
     */
    public List<Connection> claimDue(String owner, Duration lease, Duration margin, Duration keepAlive, int limit) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update connection c set lease_owner = ?, lease_until = ?
                        where c.id in (
                            select id from connection
                            where status = 'active' and refreshable
                              and (credential_expires_at <= ? or coalesce(last_refreshed_at, created_at) <= ?)
                              and (next_refresh_at is null or next_refresh_at <= ?)
                              and (lease_until is null or lease_until < ?)
                            order by credential_expires_at nulls last
                            limit ? for update skip locked)
                        returning """ + " " + Connections.COLUMNS)
                .params(owner, ts(now.plus(lease)), ts(now.plus(margin)), ts(now.minus(keepAlive)), ts(now), ts(now), limit)
                .query(Connection::from)
                .list();
    }

    /** Records a failed refresh: the error, one more failure, when to try next; releases the lease. Returns the failure count. */
    public int refreshFailed(String orgId, String id, String owner, String error, Duration wait) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update connection set refresh_failures = refresh_failures + 1, last_error = ?, last_error_at = ?,
                            next_refresh_at = ?, lease_owner = null, lease_until = null
                        where id = ? and org_id = ? and lease_owner = ? returning refresh_failures""")
                .params(error, ts(now), ts(now.plus(wait)), id, orgId, owner).query(Integer.class).optional().orElse(0);
    }

    public void releaseLease(String orgId, String id, String owner) {
        jdbc.sql("update connection set lease_owner = null, lease_until = null where id = ? and org_id = ? and lease_owner = ?")
                .params(id, orgId, owner).update();
    }

    /** Failures so far (for backoff). */
    public int refreshFailures(String id) {
        return jdbc.sql("select refresh_failures from connection where id = ?").param(id).query(Integer.class)
                .optional().orElse(0);
    }

    /**
     * Leases up to {@code limit} active connections that cannot refresh and are due a check: never
     * checked and older than {@code interval}, or past their {@code next_check_at}. Shares the lease
     * columns with refresh, which never touches such connections.
     */
    public List<Claimed> claimDueChecks(String owner, Duration lease, Duration interval, int limit) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update connection c set lease_owner = ?, lease_until = ?
                        where c.id in (
                            select id from connection
                            where status = 'active' and not refreshable
                              and coalesce(next_check_at, created_at + cast(? as interval)) <= ?
                              and (lease_until is null or lease_until < ?)
                            order by next_check_at nulls first limit ? for update skip locked)
                        returning c.id, c.org_id, c.environment, c.credential_version""")
                .params(owner, ts(now.plus(lease)), interval.toSeconds() + " seconds", ts(now), ts(now), limit)
                .query((rs, n) -> new Claimed(rs.getString(1), rs.getString(2), Environment.fromWire(rs.getString(3)),
                        rs.getInt(4)))
                .list();
    }

    /** Records a check and when the next is due; releases the lease. */
    public void checked(String orgId, String id, String owner, Duration interval) {
        Instant now = clock.instant();
        jdbc.sql("update connection set last_checked_at = ?, next_check_at = ?, lease_owner = null, lease_until = null "
                        + "where id = ? and org_id = ? and lease_owner = ?")
                .params(ts(now), ts(now.plus(interval)), id, orgId, owner).update();
    }
}
