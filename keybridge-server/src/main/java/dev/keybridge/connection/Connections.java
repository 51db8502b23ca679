package dev.keybridge.connection;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The one store of {@code connection} and {@code connection_transition}: every SQL statement on them
 * is here. Access tokens ({@code at_<env>_…}) are stored as SHA-256 hashes; credentials as AEAD
 * ciphertext ({@link CredentialSeal}) versioned by {@code credential_version}. Every write of
 * credentials goes through one fenced statement ({@link #writeCredentials}); the refresh lease
 * ({@code lease_owner}/{@code lease_until}) decides which node may call a token endpoint.
 */
@Service
public class Connections {

    static final String COLUMNS = """
            id, org_id, environment, linked_account_id, app_slug, status, status_reason, end_user_org_id,
            access_token_hint, credential_ciphertext, credential_version, credential_expires_at, display_name,
            created_at, updated_at, status_changed_at""";

    /** A new connection and its access token, in clear once, for the public token to carry. */
    public record Created(Connection connection, String accessToken) {}

    /** A connection claimed by the background refresh scan, with the version its lease was taken at. */
    public record Claimed(String id, String orgId, Environment environment, int version) {}

    private final JdbcClient jdbc;
    private final CredentialSeal seal;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicLong localChanges = new java.util.concurrent.atomic.AtomicLong();

    public Connections(JdbcClient jdbc, CredentialSeal seal, Clock clock) {
        this.jdbc = jdbc;
        this.seal = seal;
        this.clock = clock;
    }

    /** Grows with every write this node makes to a connection (per-node caches drop what they hold). */
    public long localChanges() {
        return localChanges.get();
    }

    public static String newAccessToken(Environment env) {
        return "at_" + env.prefixTag() + "_" + Ids.random(40);
    }

    /** Inserts an active connection; run it inside the transaction that finishes Link. */
    public Created create(String orgId, Environment env, String linkedAccountId, String appSlug, String endUserOrgId,
                          Map<String, String> credentials, Instant expiresAt, String displayName) {
        String id = "conn_" + Ids.objectId();
        String token = newAccessToken(env);
        Timestamp now = now();
        jdbc.sql("insert into connection (" + COLUMNS.replace("\n", " ") + ", access_token_hash"
                        + ", refreshable) values (?, ?, ?, ?, ?, 'active', null, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, orgId, env.wire(), linkedAccountId, appSlug, endUserOrgId, Secrets.hint(token),
                        seal.seal(orgId, env, id, credentials), ts(expiresAt), displayName, now, now, now,
                        Secrets.hash(token), refreshable(credentials))
                .update();
        recordTransition(id, null, Connection.Status.ACTIVE, "linked", now);
        return new Created(find(orgId, env, id).orElseThrow(), token);
    }

    public Optional<Connection> find(String orgId, Environment env, String id) { // by id, in the caller's scope
        return jdbc.sql("select " + COLUMNS + " from connection where org_id = ? and environment = ? and id = ?")
                .params(orgId, env.wire(), id).query(Connection::from).optional();
    }

    public Optional<Connection> findByAccessToken(String orgId, Environment env, String accessToken) {
        return jdbc.sql("select " + COLUMNS + " from connection where org_id = ? and environment = ? and access_token_hash = ?")
                .params(orgId, env.wire(), Secrets.hash(accessToken)).query(Connection::from).optional();
    }

    /** The connections of one linked account (internal id), newest first. */
    public List<Connection> forAccount(String orgId, Environment env, String linkedAccountId) {
        return jdbc.sql("select " + COLUMNS + " from connection where org_id = ? and environment = ? "
                        + "and linked_account_id = ? order by created_at desc, id desc")
                .params(orgId, env.wire(), linkedAccountId).query(Connection::from).list();
    }

    /** The stored credentials, decrypted. */
    public Map<String, String> credentials(Connection c) {
        return seal.open(c);
    }

    /** Whether credentials carry an OAuth2 refresh token (the background scan only looks at such connections). */
    public static boolean refreshable(Map<String, String> credentials) {
        return credentials != null && credentials.get("refresh_token") != null && !credentials.get("refresh_token").isBlank();
    }

    // ------------------------------------------------------------------ the fence

    /** Update mode's new login, if still at {@code expectedVersion} (a refresh in flight then writes nothing). */
    public boolean replaceCredentials(Connection c, int expectedVersion, Map<String, String> credentials,
                                      Instant expiresAt) {
        return writeCredentials(c, expectedVersion, null, credentials, expiresAt, false).isPresent();
    }

    /**
     * Stores refreshed credentials (a rotated refresh token among them) only while the version and the
     * lease are still {@code owner}'s; releases the lease. The caller hands out the new access token only
     * after this returned true, so nothing ever uses a token that is not stored.
     */
    public Optional<Connection> writeRefreshed(Connection c, String owner, Map<String, String> credentials, Instant expiresAt) {
        return writeCredentials(c, c.credentialVersion(), owner, credentials, expiresAt, true);
    }

    /**
     * The one fenced write of credentials: only while {@code credential_version} is still {@code expected}
     * (and, for a refresh, the lease is still {@code leaseOwner}'s). Bumps the version, clears the refresh
     * schedule and errors, and releases any lease. Returns the connection as written (empty: fenced out).
     */
    private Optional<Connection> writeCredentials(Connection c, int expected, String leaseOwner, Map<String, String> credentials,
                                                  Instant expiresAt, boolean refreshed) {
        Timestamp now = now();
        Optional<Connection> written = jdbc.sql("""
                        update connection set credential_ciphertext = ?, credential_version = credential_version + 1,
                            credential_expires_at = ?, refreshable = ?, next_refresh_at = null, refresh_failures = 0,
                            last_error = null, last_error_at = null, lease_owner = null, lease_until = null, updated_at = ?,
                            last_refreshed_at = case when ? then ? else last_refreshed_at end
                        where id = ? and credential_version = ? and (cast(? as text) is null or lease_owner = ?)
                        returning """ + " " + COLUMNS)
                .params(seal.seal(c.orgId(), c.environment(), c.id(), credentials), ts(expiresAt),
                        refreshable(credentials), now, refreshed, now, c.id(), expected, leaseOwner, leaseOwner)
                .query(Connection::from).optional();
        localChanges.incrementAndGet();
        return written;
    }

    /** Erases the credentials of a disconnected connection (whatever their version) and ends any refresh. */
    void erase(Connection c) {
        jdbc.sql("update connection set credential_ciphertext = null, credential_version = credential_version + 1, "
                        + "refreshable = false, lease_owner = null, lease_until = null, next_refresh_at = null, updated_at = ? "
                        + "where id = ?")
                .params(now(), c.id()).update();
        localChanges.incrementAndGet();
    }

    /** Sandbox control: the stored token counts as expired from now on. */
    public void expireNow(Connection c) {
        Instant now = clock.instant();
        jdbc.sql("update connection set credential_expires_at = ?, updated_at = ? where id = ?")
                .params(ts(now.minusSeconds(1)), ts(now), c.id()).update();
        localChanges.incrementAndGet();
    }

    // ------------------------------------------------------------------ status transitions

    /**
     * Moves a connection from {@code from} to {@code to} with a reason, recording the transition; false
     * when it was not in {@code from} (so of many concurrent callers exactly one sees true).
     */
    boolean transitionFrom(Connection c, Connection.Status from, Connection.Status to, String reason) {
        Timestamp now = now();
        int n = jdbc.sql("update connection set status = ?, status_reason = ?, status_changed_at = ?, updated_at = ? "
                        + "where id = ? and status = ?")
                .params(to.wire(), reason, now, now, c.id(), from.wire()).update();
        if (n == 1) {
            recordTransition(c.id(), from, to, reason, now);
            localChanges.incrementAndGet();
        }
        return n == 1;
    }

    private void recordTransition(String id, Connection.Status from, Connection.Status to, String reason, Timestamp at) {
        jdbc.sql("insert into connection_transition (connection_id, from_status, to_status, reason, at) values (?, ?, ?, ?, ?)")
                .params(id, from == null ? null : from.wire(), to.wire(), reason, at).update();
    }

    // ------------------------------------------------------------------ the refresh lease

    /** Takes the lease if nobody holds it and the credentials are still at {@code version}. */
    public boolean acquireLease(String id, int version, String owner, Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("update connection set lease_owner = ?, lease_until = ? "
                        + "where id = ? and status = 'active' and credential_version = ? "
                        + "and (lease_until is null or lease_until < ?)")
                .params(owner, ts(now.plus(lease)), id, version, ts(now)).update() == 1;
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
                        returning """ + " " + COLUMNS)
                .params(owner, ts(now.plus(lease)), ts(now.plus(margin)), ts(now.minus(keepAlive)), ts(now), ts(now), limit)
                .query(Connection::from)
                .list();
    }

    /** Records a failed refresh: the error, one more failure, when to try next; releases the lease. Returns the failure count. */
    public int refreshFailed(String id, String owner, String error, Duration wait) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update connection set refresh_failures = refresh_failures + 1, last_error = ?, last_error_at = ?,
                            next_refresh_at = ?, lease_owner = null, lease_until = null
                        where id = ? and lease_owner = ? returning refresh_failures""")
                .params(error, ts(now), ts(now.plus(wait)), id, owner).query(Integer.class).optional().orElse(0);
    }

    public void releaseLease(String id, String owner) {
        jdbc.sql("update connection set lease_owner = null, lease_until = null where id = ? and lease_owner = ?")
                .params(id, owner).update();
    }

    /** Failures so far (for backoff). */
    public int refreshFailures(String id) {
        return jdbc.sql("select refresh_failures from connection where id = ?").param(id).query(Integer.class)
                .optional().orElse(0);
    }

    // ------------------------------------------------------------------ scheduled checks

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
    public void checked(String id, String owner, Duration interval) {
        Instant now = clock.instant();
        jdbc.sql("update connection set last_checked_at = ?, next_check_at = ?, lease_owner = null, lease_until = null "
                        + "where id = ? and lease_owner = ?")
                .params(ts(now), ts(now.plus(interval)), id, owner).update();
    }

    /** Connections of every organization by status (for the metrics gauge). */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("select status, count(*) from connection group by status")
                .query(rs -> { counts.put(rs.getString(1), rs.getLong(2)); });
        return counts;
    }

    // ------------------------------------------------------------------ the status view

    /** The status API's view of a connection, with its latest transitions (oldest first). */
    public ConnectionStatus status(Connection c) {
        return jdbc.sql("""
                        select c.id, c.app_slug, a.external_id, c.end_user_org_id, c.status, c.status_reason,
                               c.status_changed_at, c.created_at, c.credential_expires_at, c.last_refreshed_at,
                               c.last_error, c.last_error_at, c.refresh_failures
                        from connection c join linked_account a on a.id = c.linked_account_id
                        where c.id = ? and c.org_id = ? and c.environment = ?""")
                .params(c.id(), c.orgId(), c.environment().wire())
                .query((rs, n) -> ConnectionStatus.from(rs, transitions(c.id()))).single();
    }

    private List<ConnectionStatus.Transition> transitions(String id) {
        return jdbc.sql("select from_status, to_status, reason, at from connection_transition "
                        + "where connection_id = ? order by seq desc limit " + ConnectionStatus.TRANSITIONS)
                .param(id).query(ConnectionStatus.Transition::read).list().reversed();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
