package dev.keybridge.tenancy;

import dev.keybridge.cache.Generation;
import dev.keybridge.web.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Organizations and their environment credentials. */
@Repository
public class TenancyStore {

    /** A live credential found for a presented secret. */
    public record CredentialMatch(String id, String orgId, Environment environment, CredentialKind kind,
                                  byte[] secretHash, Instant lastUsedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    private final Generation revocations = new Generation();

    /**
     * Moves with every revocation this node makes, so a per-node credential cache drops what it holds at
     * once here; other nodes see the revocation within their cache's lifetime.
     */
    public Generation revocations() {
        return revocations;
    }

    public TenancyStore(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    public void insertOrganization(Organization org) {
        jdbc.sql("insert into organization (id, name, is_default, created_at) values (?, ?, ?, ?)")
                .params(org.id(), org.name(), org.isDefault(), Timestamp.from(org.createdAt()))
                .update();
    }

    public void renameOrganization(String id, String name) {
        jdbc.sql("update organization set name = ? where id = ?").params(name, id).update();
    }

    public Optional<Organization> findOrganization(String id) {
        return jdbc.sql("select id, name, is_default, created_at from organization where id = ?")
                .param(id).query(TenancyStore::organization).optional();
    }

    public Optional<Organization> findDefaultOrganization() {
        return jdbc.sql("select id, name, is_default, created_at from organization where is_default")
                .query(TenancyStore::organization).optional();
    }

    /** Organizations ordered by id, after {@code afterId} (null for the first page). */
    public List<Organization> listOrganizations(String afterId, int limit) {
        return jdbc.sql("""
                select id, name, is_default, created_at from organization
                where (cast(? as text) is null or id > ?) order by id limit ?""")
                .params(afterId, afterId, limit).query(TenancyStore::organization).list();
    }

    public void insertCredential(String id, String orgId, Environment env, CredentialKind kind, String clientId,
                                 byte[] secretHash, String hint, String name) {
        jdbc.sql("""
                insert into environment_credential
                  (id, org_id, environment, kind, client_id, secret_hash, secret_hint, name)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, orgId, env.wire(), kind.wire(), clientId, secretHash, hint, name)
                .update();
    }

    public boolean credentialExists(byte[] secretHash) {
        return jdbc.sql("select count(*) from environment_credential where secret_hash = ?")
                .param(secretHash).query(Integer.class).single() > 0;
    }

    public Optional<CredentialMatch> findLiveApiKey(byte[] secretHash) {
        return jdbc.sql("""
                select id, org_id, environment, kind, secret_hash, last_used_at from environment_credential
                where secret_hash = ? and kind = 'api_key' and revoked_at is null""")
                .param(secretHash).query(TenancyStore::match).optional();
    }

    public Optional<CredentialMatch> findLiveClient(String clientId) {
        return jdbc.sql("""
                select id, org_id, environment, kind, secret_hash, last_used_at from environment_credential
                where client_id = ? and kind = 'client' and revoked_at is null""")
                .param(clientId).query(TenancyStore::match).optional();
    }

    /** Records use at most once a minute per credential, so authentication stays a read. */
    public void touch(String credentialId) {
        jdbc.sql("""
                update environment_credential set last_used_at = ?
                where id = ? and (last_used_at is null or last_used_at < ?)""")
                .params(Timestamp.from(clock.instant()), credentialId, Timestamp.from(clock.instant().minusSeconds(60))).update();
    }

    public List<CredentialInfo> listCredentials(String orgId) {
        return jdbc.sql("""
                select id, environment, kind, name, client_id, secret_hint, created_at, last_used_at, revoked_at
                from environment_credential where org_id = ? order by created_at, id""")
                .param(orgId)
                .query((rs, n) -> new CredentialInfo(rs.getString("id"), rs.getString("environment"),
                        rs.getString("kind"), rs.getString("name"), rs.getString("client_id"),
                        rs.getString("secret_hint"), ts(rs, "created_at"), ts(rs, "last_used_at"),
                        ts(rs, "revoked_at")))
                .list();
    }

    /** Revokes a live credential; false when there is none with that id in the organization. */
    public boolean revoke(String orgId, String credentialId) {
        return revocations.around(() -> jdbc.sql("""
                update environment_credential set revoked_at = ?
                where org_id = ? and id = ? and revoked_at is null""")
                .params(Timestamp.from(clock.instant()), orgId, credentialId).update() == 1);
    }

    private static String ts(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : Timestamps.format(t.toInstant());
    }

    private static Organization organization(ResultSet rs, int n) throws SQLException {
        return new Organization(rs.getString("id"), rs.getString("name"), rs.getBoolean("is_default"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static CredentialMatch match(ResultSet rs, int n) throws SQLException {
        Timestamp used = rs.getTimestamp("last_used_at");
        return new CredentialMatch(rs.getString("id"), rs.getString("org_id"),
                Environment.fromWire(rs.getString("environment")), CredentialKind.fromWire(rs.getString("kind")),
                rs.getBytes("secret_hash"), used == null ? null : used.toInstant());
    }
}
