package dev.keybridge.refresh;

import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The refresh lease in PostgreSQL: a node may call a connection's token endpoint only while it holds
 * {@code lease_owner}/{@code lease_until}, and its write is fenced twice: the credentials must still be
 * at the {@code credential_version} it read and the lease must still be its own. A node that stalls
 * past its lease, or loses to update mode, writes nothing.
 */
@Component
class RefreshLease {

    /** A connection claimed by the background scan, with the version its lease was taken at. */
    record Claimed(String id, String orgId, String environment, int version) {}

    private final JdbcClient jdbc;
    private final Connections connections;

    RefreshLease(JdbcClient jdbc, Connections connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    /** Takes the lease if nobody holds it and the credentials are still at {@code version}. */
    boolean acquire(String id, int version, String owner, Duration lease) {
        return jdbc.sql("update connection set lease_owner = ?, lease_until = now() + make_interval(secs => ?) "
                        + "where id = ? and status = 'active' and credential_version = ? "
                        + "and (lease_until is null or lease_until < now())")
                .params(owner, seconds(lease), id, version).update() == 1;
    }

    /**
     * The background scan: leases up to {@code limit} active, refreshable connections that expire within
     * {@code margin} or were not refreshed for {@code keepAlive}, skipping those in backoff or leased.
     */
    List<Claimed> claimDue(String owner, Duration lease, Duration margin, Duration keepAlive, int limit) {
        return jdbc.sql("""
                        update connection c set lease_owner = ?, lease_until = now() + make_interval(secs => ?)
                        where c.id in (
                            select id from connection
                            where status = 'active' and refreshable
                              and (credential_expires_at <= now() + make_interval(secs => ?)
                                   or coalesce(last_refreshed_at, created_at) <= now() - make_interval(secs => ?))
                              and (next_refresh_at is null or next_refresh_at <= now())
                              and (lease_until is null or lease_until < now())
                            order by credential_expires_at nulls last
                            limit ? for update skip locked)
                        returning c.id, c.org_id, c.environment, c.credential_version""")
                .params(owner, seconds(lease), seconds(margin), seconds(keepAlive), limit)
                .query((rs, n) -> new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /**
     * Stores refreshed credentials (a rotated refresh token among them) in one statement, only if the
     * version and the lease are still ours; releases the lease. The caller hands out the new access
     * token only after this returned true, so nothing ever uses a token that is not stored.
     */
    boolean write(Connection c, String owner, Map<String, String> credentials, Instant expiresAt) {
        return jdbc.sql("""
                        update connection set credential_ciphertext = ?, credential_version = credential_version + 1,
                            credential_expires_at = ?, refreshable = ?, last_refreshed_at = now(), refresh_failures = 0,
                            next_refresh_at = null, last_error = null, last_error_at = null,
                            lease_owner = null, lease_until = null, updated_at = now()
                        where id = ? and credential_version = ? and lease_owner = ?""")
                .params(connections.seal(c.orgId(), c.environment(), c.id(), credentials),
                        expiresAt == null ? null : Timestamp.from(expiresAt), Connections.refreshable(credentials),
                        c.id(), c.credentialVersion(), owner)
                .update() == 1;
    }

    /** Records a failed refresh: the error, one more failure, when to try next; releases the lease. Returns the failure count. */
    int failed(String id, String owner, String error, Duration wait) {
        return jdbc.sql("""
                        update connection set refresh_failures = refresh_failures + 1, last_error = ?, last_error_at = now(),
                            next_refresh_at = now() + make_interval(secs => ?), lease_owner = null, lease_until = null
                        where id = ? and lease_owner = ? returning refresh_failures""")
                .params(error, seconds(wait), id, owner).query(Integer.class).optional().orElse(0);
    }

    /** Gives a lease back without writing. */
    void release(String id, String owner) {
        jdbc.sql("update connection set lease_owner = null, lease_until = null where id = ? and lease_owner = ?")
                .params(id, owner).update();
    }

    /** Failures so far (for backoff). */
    int failures(String id) {
        return jdbc.sql("select refresh_failures from connection where id = ?").param(id).query(Integer.class)
                .optional().orElse(0);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static boolean isActive(Connection c) {
        return c.status() == Connection.Status.ACTIVE;
    }
}
