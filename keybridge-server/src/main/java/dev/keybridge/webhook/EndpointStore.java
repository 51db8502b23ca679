package dev.keybridge.webhook;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.vault.SealedColumn;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code webhook_endpoint}; every read and write is scoped by organization and environment. */
@Repository
class EndpointStore {

    private static final String COLUMNS = "id, org_id, environment, url, event_types, is_enabled, secret_ciphertext, "
            + "previous_secret_ciphertext, previous_secret_expires_at, created_at, updated_at";

    private final JdbcClient jdbc;

    EndpointStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(WebhookEndpoint e) {
        jdbc.sql("insert into webhook_endpoint (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.orgId(), e.environment().wire(), e.url(), types(e.eventTypes()), e.enabled(),
                        e.secretCiphertext(), e.previousSecretCiphertext(), ts(e.previousSecretExpiresAt()),
                        ts(e.createdAt()), ts(e.updatedAt()))
                .update();
    }

    /** Writes everything but the secrets. */
    boolean update(WebhookEndpoint e) {
        return jdbc.sql("update webhook_endpoint set url = ?, event_types = ?, is_enabled = ?, updated_at = ? "
                        + "where id = ? and org_id = ? and environment = ?")
                .params(e.url(), types(e.eventTypes()), e.enabled(), ts(e.updatedAt()), e.id(), e.orgId(),
                        e.environment().wire())
                .update() == 1;
    }

    boolean rotate(WebhookEndpoint e, byte[] secret, byte[] previous, Instant previousExpiresAt, Instant now) {
        return jdbc.sql("update webhook_endpoint set secret_ciphertext = ?, previous_secret_ciphertext = ?, "
                        + "previous_secret_expires_at = ?, updated_at = ? where id = ? and org_id = ? and environment = ?")
                .params(secret, previous, ts(previousExpiresAt), ts(now), e.id(), e.orgId(), e.environment().wire())
                .update() == 1;
    }

    boolean delete(String orgId, Environment env, String id) {
        return jdbc.sql("delete from webhook_endpoint where id = ? and org_id = ? and environment = ?")
                .params(id, orgId, env.wire())
                .update() == 1;
    }

    Optional<WebhookEndpoint> find(String orgId, Environment env, String id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where id = ? and org_id = ? and environment = ?")
                .params(id, orgId, env.wire())
                .query(EndpointStore::row)
                .optional();
    }

    Optional<WebhookEndpoint> findForUpdate(String orgId, Environment env, String id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where id = ? and org_id = ? and environment = ? "
                        + "for update")
                .params(id, orgId, env.wire())
                .query(EndpointStore::row)
                .optional();
    }

    /** Every endpoint of the environment, oldest first (at most the cap per environment). */
    List<WebhookEndpoint> all(String orgId, Environment env) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where org_id = ? and environment = ? "
                        + "order by created_at, id")
                .params(orgId, env.wire())
                .query(EndpointStore::row)
                .list();
    }

    /** A page in id order after {@code afterId} (null for the first). */
    List<WebhookEndpoint> page(String orgId, Environment env, String afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where org_id = ? and environment = ? "
                        + "and (cast(? as text) is null or id > ?) order by id limit ?")
                .params(orgId, env.wire(), afterId, afterId, limit)
                .query(EndpointStore::row)
                .list();
    }

    /** A transaction-scoped lock on one organization's environment. */
    void lockScope(String orgId, Environment env) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("webhook_endpoint|" + orgId + "|" + env.wire())
                .query((rs, n) -> 1).single();
    }

    long count(String orgId, Environment env) {
        return jdbc.sql("select count(*) from webhook_endpoint where org_id = ? and environment = ?")
                .params(orgId, env.wire())
                .query(Long.class)
                .single();
    }

    private String[] types(List<String> types) {
        return types.toArray(String[]::new);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static WebhookEndpoint row(ResultSet rs, int n) throws SQLException {
        Array types = rs.getArray("event_types");
        Timestamp expires = rs.getTimestamp("previous_secret_expires_at");
        return new WebhookEndpoint(rs.getString("id"), rs.getString("org_id"),
                Environment.fromWire(rs.getString("environment")), rs.getString("url"),
                types == null ? List.of() : Arrays.asList((String[]) types.getArray()), rs.getBoolean("is_enabled"),
                rs.getBytes("secret_ciphertext"), rs.getBytes("previous_secret_ciphertext"),
                expires == null ? null : expires.toInstant(), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    /** For master-key rotation: the current and the rotated-out signing secret. */
    @Bean
    static SealedColumn secretColumn() {
        return SigningSecret.column("secret_ciphertext");
    }

    @Bean
    static SealedColumn previousSecretColumn() {
        return SigningSecret.column("previous_secret_ciphertext");
    }
}
