package dev.keybridge.connection;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.vault.Vault;
import dev.keybridge.web.Ids;
import dev.keybridge.web.Timestamps;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connections and their credentials. Access tokens ({@code at_<env>_…}) are stored as SHA-256
 * hashes; credentials as AEAD ciphertext bound to (org, environment, connection id) and versioned by
 * {@code credential_version}, so a later writer can fence on it (compare-and-set).
 */
@Service
public class Connections {

    private static final String COLUMNS = """
            id, org_id, environment, linked_account_id, app_slug, status, status_reason, end_user_org_id,
            access_token_hint, credential_ciphertext, credential_version, credential_expires_at, display_name,
            created_at, updated_at, status_changed_at""";
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    /** A new connection and its access token, in clear once, for the public token to carry. */
    public record Created(Connection connection, String accessToken) {}

    private final JdbcClient jdbc;
    private final Vault vault;
    private final JsonMapper json;

    public Connections(JdbcClient jdbc, Vault vault, JsonMapper json) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.json = json;
    }

    public static String newAccessToken(Environment env) {
        return "at_" + env.prefixTag() + "_" + Ids.random(40);
    }

    /** Inserts an active connection; run it inside the transaction that finishes Link. */
    public Created create(String orgId, Environment env, String linkedAccountId, String appSlug, String endUserOrgId,
                          Map<String, String> credentials, Instant expiresAt, String displayName) {
        String id = "conn_" + Ids.objectId();
        String token = newAccessToken(env);
        Instant now = Timestamps.now();
        jdbc.sql("insert into connection (" + COLUMNS.replace("\n", " ") + ", access_token_hash"
                        + ", refreshable) values (?, ?, ?, ?, ?, 'active', null, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, orgId, env.wire(), linkedAccountId, appSlug, endUserOrgId, Secrets.hint(token),
                        seal(orgId, env, id, credentials), ts(expiresAt), displayName, ts(now), ts(now), ts(now),
                        Secrets.hash(token), refreshable(credentials))
                .update();
        jdbc.sql("insert into connection_transition (connection_id, from_status, to_status, reason, at) "
                        + "values (?, null, 'active', 'linked', ?)")
                .params(id, ts(now)).update();
        return new Created(find(orgId, env, id).orElseThrow(), token);
    }

    public Optional<Connection> find(String orgId, Environment env, String id) {
        return jdbc.sql("select " + COLUMNS + " from connection where org_id = ? and environment = ? and id = ?")
                .params(orgId, env.wire(), id).query(this::row).optional();
    }

    public Optional<Connection> findByAccessToken(String orgId, Environment env, String accessToken) {
        return jdbc.sql("select " + COLUMNS + " from connection where org_id = ? and environment = ? and access_token_hash = ?")
                .params(orgId, env.wire(), Secrets.hash(accessToken)).query(this::row).optional();
    }

    /** The connections of one linked account (internal id), newest first. */
    public List<Connection> forAccount(String orgId, Environment env, String linkedAccountId) {
        return jdbc.sql("select " + COLUMNS + " from connection where org_id = ? and environment = ? "
                        + "and linked_account_id = ? order by created_at desc, id desc")
                .params(orgId, env.wire(), linkedAccountId).query(this::row).list();
    }

    /** The stored credentials, decrypted. */
    public Map<String, String> credentials(Connection c) {
        if (c.credentialCiphertext() == null) {
            return Map.of();
        }
        byte[] plain = vault.decrypt(c.credentialCiphertext(), context(c.orgId(), c.environment(), c.id()));
        return json.readValue(plain, MAP);
    }

    /**
     * Replaces the credentials if they are still at {@code expectedVersion}; returns false when another
     * writer got there first (fencing). A new login also clears the refresh schedule, failures and
     * last error; a refresh in flight elsewhere then finds the version moved and writes nothing.
     */
    public boolean replaceCredentials(Connection c, int expectedVersion, Map<String, String> credentials,
                                      Instant expiresAt) {
        return jdbc.sql("update connection set credential_ciphertext = ?, credential_version = credential_version + 1, "
                        + "credential_expires_at = ?, refreshable = ?, next_refresh_at = null, refresh_failures = 0, "
                        + "last_error = null, last_error_at = null, updated_at = now() where id = ? and credential_version = ?")
                .params(seal(c.orgId(), c.environment(), c.id(), credentials), ts(expiresAt), refreshable(credentials),
                        c.id(), expectedVersion)
                .update() == 1;
    }

    /**
     * Moves a connection from {@code from} to {@code to} with a reason, recording the transition; false
     * when it was not in {@code from} (so of many concurrent callers exactly one sees true).
     */
    public boolean transitionFrom(Connection c, Connection.Status from, Connection.Status to, String reason) {
        Instant now = Timestamps.now();
        int n = jdbc.sql("update connection set status = ?, status_reason = ?, status_changed_at = ?, updated_at = ? "
                        + "where id = ? and status = ?")
                .params(to.wire(), reason, ts(now), ts(now), c.id(), from.wire()).update();
        if (n == 1) {
            jdbc.sql("insert into connection_transition (connection_id, from_status, to_status, reason, at) values (?, ?, ?, ?, ?)")
                    .params(c.id(), from.wire(), to.wire(), reason, ts(now)).update();
        }
        return n == 1;
    }

    /** Whether credentials carry an OAuth2 refresh token (the refresher only looks at such connections). */
    public static boolean refreshable(Map<String, String> credentials) {
        String r = credentials == null ? null : credentials.get("refresh_token");
        return r != null && !r.isBlank();
    }

    /** Moves a connection to {@code to} with a reason, recording the transition; false if already there. */
    public boolean transition(Connection c, Connection.Status to, String reason) {
        Instant now = Timestamps.now();
        int n = jdbc.sql("update connection set status = ?, status_reason = ?, status_changed_at = ?, updated_at = ? "
                        + "where id = ? and (status <> ? or status_reason is distinct from ?)")
                .params(to.wire(), reason, ts(now), ts(now), c.id(), to.wire(), reason).update();
        if (n == 1) {
            jdbc.sql("insert into connection_transition (connection_id, from_status, to_status, reason, at) values (?, ?, ?, ?, ?)")
                    .params(c.id(), c.status().wire(), to.wire(), reason, ts(now)).update();
        }
        return n == 1;
    }

    public byte[] seal(String orgId, Environment env, String id, Map<String, String> credentials) {
        return vault.encrypt(json.writeValueAsString(credentials).getBytes(StandardCharsets.UTF_8), context(orgId, env, id));
    }

    public static byte[] context(String orgId, Environment env, String connectionId) {
        return Vault.context("connection.credentials", orgId, env.wire(), connectionId);
    }

    private Connection row(ResultSet rs, int n) throws SQLException {
        return new Connection(rs.getString("id"), rs.getString("org_id"), Environment.fromWire(rs.getString("environment")),
                rs.getString("linked_account_id"), rs.getString("app_slug"),
                Connection.Status.fromWire(rs.getString("status")), rs.getString("status_reason"),
                rs.getString("end_user_org_id"), rs.getString("access_token_hint"), rs.getBytes("credential_ciphertext"),
                rs.getInt("credential_version"), instant(rs.getTimestamp("credential_expires_at")),
                rs.getString("display_name"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("status_changed_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
