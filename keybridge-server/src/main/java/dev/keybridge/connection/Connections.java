package dev.keybridge.connection;

import dev.keybridge.connector.Expiry;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The store of {@code connection} and {@code connection_transition}: creating, finding, the fenced
 * credential write and status transitions. Access tokens ({@code at_<env>_…}) are stored as SHA-256 hashes; credentials as AEAD
 * ciphertext ({@link CredentialSeal}) versioned by {@code credential_version}. Every write of
 * credentials goes through one fenced statement ({@link #writeCredentials}). Beside it, over the same
 * tables: {@link CredentialLease} (which node may call a token endpoint or run a check) and
 * {@link ConnectionStatusQueries} (the status API's view and the metrics' counts).
 */
@Service
public class Connections {

    static final String COLUMNS = """
            id, org_id, environment, linked_account_id, app_slug, status, status_reason, end_user_org_id,
            access_token_hint, credential_ciphertext, credential_version, credential_expires_at, display_name,
            created_at, updated_at, status_changed_at, scopes""";

    /** A new connection and its access token, in clear once, for the public token to carry. */
    public record Created(Connection connection, String accessToken) {}

    private final JdbcClient jdbc;
    private final CredentialSeal seal;
    private final Clock clock;
    private final AtomicLong localChanges = new AtomicLong();
    private final ConnectionExpiry expiry;

    public Connections(JdbcClient jdbc, CredentialSeal seal, Clock clock, ConnectionExpiry expiry) {
        this.expiry = expiry;
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

    /** Inserts an active connection whose scopes are unknown; run it inside the transaction that finishes Link. */
    public Created create(String orgId, Environment env, String linkedAccountId, String appSlug, String endUserOrgId,
                          Map<String, String> credentials, Instant expiresAt, String displayName) {
        return create(orgId, env, linkedAccountId, appSlug, endUserOrgId, credentials, expiresAt, displayName, null);
    }

    /** As above, with the {@code scopes} the grant received (null: unknown). */
    public Created create(String orgId, Environment env, String linkedAccountId, String appSlug, String endUserOrgId,
                          Map<String, String> credentials, Instant expiresAt, String displayName, List<String> scopes) {
        String id = "conn_" + Ids.objectId();
        String token = newAccessToken(env);
        Timestamp now = now();
        jdbc.sql("insert into connection (" + COLUMNS.replace("\n", " ") + ", access_token_hash"
                        + ", refreshable) values (?, ?, ?, ?, ?, 'active', null, ?, ?, ?, 1, ?, ?, ?, ?, ?, "
                        + "string_to_array(cast(? as text), ' '), ?, ?)")
                .params(id, orgId, env.wire(), linkedAccountId, appSlug, endUserOrgId, Secrets.hint(token),
                        seal.seal(orgId, env, id, credentials), ts(expiresAt), displayName, now, now, now,
                        scopeText(scopes), Secrets.hash(token), refreshable(credentials))
                .update();
        recordTransition(orgId, id, null, Connection.Status.ACTIVE, "linked", now);
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

    /**
     * Why update mode runs for {@code c}, which decides what its connector asks for: its status reason, else the
     * reason of an expiry within its environment's lead time ({@code password_expiring}: only a new password).
     */
    public String updateReason(Connection c) {
        return c.statusReason() != null ? c.statusReason() : expiry.pending(c).map(Expiry::reason).orElse(null);
    }

    /** Whether credentials carry an OAuth2 refresh token (the background scan only looks at such connections). */
    public static boolean refreshable(Map<String, String> credentials) {
        return credentials != null && credentials.get("refresh_token") != null && !credentials.get("refresh_token").isBlank();
    }

    // ------------------------------------------------------------------ the fence

    /** Update mode's new login, if still at {@code expectedVersion} (a refresh in flight then writes nothing). */
    public boolean replaceCredentials(Connection c, int expectedVersion, Map<String, String> credentials,
                                      Instant expiresAt) {
        return replaceCredentials(c, expectedVersion, credentials, expiresAt, null).isPresent();
    }

    /** As above, with the {@code scopes} the new grant received (null: keep the stored ones); empty when fenced out. */
    public Optional<Connection> replaceCredentials(Connection c, int expectedVersion, Map<String, String> credentials,
                                                   Instant expiresAt, List<String> scopes) {
        return writeCredentials(c, expectedVersion, null, credentials, expiresAt, false, scopes);
    }

    /**
     * Stores refreshed credentials (a rotated refresh token among them) only while the version and the
     * lease are still {@code owner}'s; releases the lease. The caller hands out the new access token only
     * after this returned true, so nothing ever uses a token that is not stored.
     */
    public Optional<Connection> writeRefreshed(Connection c, String owner, Map<String, String> credentials, Instant expiresAt) {
        return writeRefreshed(c, owner, credentials, expiresAt, null);
    }

    /** As above, with the {@code scopes} the refresh reported (null: keep the stored ones). */
    public Optional<Connection> writeRefreshed(Connection c, String owner, Map<String, String> credentials, Instant expiresAt,
                                               List<String> scopes) {
        return writeCredentials(c, c.credentialVersion(), owner, credentials, expiresAt, true, scopes);
    }

    /**
     * The one fenced write of credentials: only while {@code credential_version} is still {@code expected}
     * (and, for a refresh, the lease is still {@code leaseOwner}'s). Bumps the version, clears the refresh
     * schedule and errors, and releases any lease; {@code scopes} replace the stored ones unless null. Returns the
     * connection as written (empty: fenced out).
     */
    private Optional<Connection> writeCredentials(Connection c, int expected, String leaseOwner, Map<String, String> credentials,
                                                  Instant expiresAt, boolean refreshed, List<String> scopes) {
        Timestamp now = now();
        Optional<Connection> written = jdbc.sql("""
                        update connection set credential_ciphertext = ?, credential_version = credential_version + 1,
                            credential_expires_at = ?, refreshable = ?, next_refresh_at = null, refresh_failures = 0,
                            last_error = null, last_error_at = null, lease_owner = null, lease_until = null, updated_at = ?,
                            last_refreshed_at = case when ? then ? else last_refreshed_at end,
                            scopes = coalesce(string_to_array(cast(? as text), ' '), scopes)
                        where id = ? and org_id = ? and credential_version = ? and (cast(? as text) is null or lease_owner = ?)
                        returning """ + " " + COLUMNS)
                .params(seal.seal(c.orgId(), c.environment(), c.id(), credentials), ts(expiresAt),
                        refreshable(credentials), now, refreshed, now, scopeText(scopes), c.id(), c.orgId(), expected, leaseOwner, leaseOwner)
                .query(Connection::from).optional();
        localChanges.incrementAndGet();
        return written;
    }

    /** Erases the credentials of a disconnected connection (whatever their version) and ends any refresh. */
    void erase(Connection c) {
        jdbc.sql("update connection set credential_ciphertext = null, credential_version = credential_version + 1, "
                        + "refreshable = false, lease_owner = null, lease_until = null, next_refresh_at = null, updated_at = ? "
                        + "where id = ? and org_id = ?")
                .params(now(), c.id(), c.orgId()).update();
        localChanges.incrementAndGet();
    }

    /** Sandbox control: the stored token counts as expired from now on. */
    public void expireNow(Connection c) {
        Instant now = clock.instant();
        jdbc.sql("update connection set credential_expires_at = ?, updated_at = ? where id = ? and org_id = ?")
                .params(ts(now.minusSeconds(1)), ts(now), c.id(), c.orgId()).update();
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
                        + "where id = ? and org_id = ? and status = ?")
                .params(to.wire(), reason, now, now, c.id(), c.orgId(), from.wire()).update();
        if (n == 1) {
            recordTransition(c.orgId(), c.id(), from, to, reason, now);
            localChanges.incrementAndGet();
        }
        return n == 1;
    }

    private void recordTransition(String orgId, String id, Connection.Status from, Connection.Status to, String reason,
                                  Timestamp at) {
        jdbc.sql("insert into connection_transition (org_id, connection_id, from_status, to_status, reason, at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(orgId, id, from == null ? null : from.wire(), to.wire(), reason, at).update();
    }

    /** Scopes as the one text {@code string_to_array} splits (a scope holds no space, RFC 6749 §3.3); null stays null. */
    private static String scopeText(List<String> scopes) {
        return scopes == null ? null : String.join(" ", scopes);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
