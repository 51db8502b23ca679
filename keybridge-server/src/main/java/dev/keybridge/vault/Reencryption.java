package dev.keybridge.vault;

import dev.keybridge.config.KeybridgeSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Re-encrypts every sealed column with the current primary key: "one command re-encrypts all".
 * Each row is rewritten only if its ciphertext is unchanged since it was read (compare-and-set), so
 * a concurrent writer is never overwritten; rows already under the primary key are skipped, so a
 * second run is cheap and an interrupted run can simply be repeated.
 */
@Service
public class Reencryption {

    private static final Logger log = LoggerFactory.getLogger(Reencryption.class);

    /**
     * A column holding AEAD ciphertexts. {@code keys} identify a row; {@code context} builds the
     * associated data from the row's values (by column name).
     */
    public record SealedColumn(String table, String column, List<String> keys, List<String> contextColumns,
                               Function<Map<String, Object>, byte[]> context) {}

    private final JdbcClient jdbc;
    private final Vault vault;
    private final KeybridgeSettings settings;
    private final List<SealedColumn> columns;

    public Reencryption(JdbcClient jdbc, Vault vault, KeybridgeSettings settings) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.settings = settings;
        this.columns = known();
    }

    /** Every sealed column Keybridge has. A feature that seals a new column adds it here. */
    static List<SealedColumn> known() {
        List<SealedColumn> c = new ArrayList<>();
        c.add(new SealedColumn("linked_account", "auth_credentials_ciphertext", List.of("id"),
                List.of("org_id", "environment"), r -> Vault.context("linked_account.auth_credentials",
                (String) r.get("org_id"), (String) r.get("environment"), (String) r.get("id"))));
        c.add(new SealedColumn("environment_signing_key", "key_ciphertext", List.of("org_id", "environment"), List.of(),
                r -> Vault.context("signing_key", (String) r.get("org_id"), (String) r.get("environment"))));
        c.add(new SealedColumn("app_setting", "client_secret_ciphertext", List.of("org_id", "environment", "slug"), List.of(),
                r -> Vault.context("app_setting.client_secret", (String) r.get("org_id"), (String) r.get("environment"),
                        (String) r.get("slug"))));
        c.add(new SealedColumn("connection", "credential_ciphertext", List.of("id"), List.of("org_id", "environment"),
                r -> Vault.context("connection.credentials", (String) r.get("org_id"), (String) r.get("environment"),
                        (String) r.get("id"))));
        c.add(new SealedColumn("link_session", "secret_ciphertext", List.of("id"), List.of("org_id", "environment"),
                r -> Vault.context("link_session.secret", (String) r.get("org_id"), (String) r.get("environment"),
                        (String) r.get("id"))));
        c.add(new SealedColumn("link_session", "result_ciphertext", List.of("id"), List.of("org_id", "environment"),
                r -> Vault.context("link_session.result", (String) r.get("org_id"), (String) r.get("environment"),
                        (String) r.get("id"))));
        c.add(new SealedColumn("public_token", "access_token_ciphertext", List.of("token_hash"),
                List.of("org_id", "environment", "connection_id"),
                r -> Vault.context("public_token.access_token", (String) r.get("org_id"), (String) r.get("environment"),
                        (String) r.get("connection_id"), java.util.HexFormat.of().formatHex((byte[]) r.get("token_hash")))));
        for (String column : List.of("secret_ciphertext", "previous_secret_ciphertext")) {
            c.add(new SealedColumn("webhook_endpoint", column, List.of("id"), List.of("org_id", "environment"),
                    r -> Vault.context("webhook_endpoint", (String) r.get("org_id"), (String) r.get("environment"),
                            (String) r.get("id"))));
        }
        c.add(new SealedColumn("idempotency_key", "response_ciphertext", List.of("org_id", "environment", "idempotency_key"),
                List.of(), r -> Vault.context("idempotency_key.response", (String) r.get("org_id"),
                (String) r.get("environment"), (String) r.get("idempotency_key"))));
        return c;
    }

    /** Rotates the master key (a new primary), then re-encrypts everything. Returns rows rewritten per table. */
    public synchronized Map<String, Integer> rotateAndReencrypt() {
        MasterKey.rotate(settings, vault);
        return reencryptAll();
    }

    /** Re-encrypts every ciphertext not under the current primary key. */
    public synchronized Map<String, Integer> reencryptAll() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SealedColumn col : columns) {
            counts.put(col.table() + "." + col.column(), reencrypt(col));
        }
        log.info("Re-encrypted with the primary master key: {}", counts);
        return counts;
    }

    private int reencrypt(SealedColumn col) {
        List<String> select = new ArrayList<>(col.keys());
        select.addAll(col.contextColumns());
        String sql = "select " + String.join(", ", select) + ", " + col.column() + " as sealed from " + col.table()
                + " where " + col.column() + " is not null";
        List<Map<String, Object>> rows = jdbc.sql(sql).query().listOfRows();
        int n = 0;
        for (Map<String, Object> row : rows) {
            byte[] sealed = (byte[]) row.get("sealed");
            if (vault.isPrimary(sealed)) {
                continue;
            }
            byte[] context = col.context().apply(row);
            byte[] fresh = vault.encrypt(vault.decrypt(sealed, context), context);
            List<Object> params = new ArrayList<>();
            params.add(fresh);
            StringBuilder where = new StringBuilder();
            for (String k : col.keys()) {
                where.append(k).append(" = ? and ");
                params.add(row.get(k));
            }
            where.append(col.column()).append(" = ?");
            params.add(sealed);
            n += jdbc.sql("update " + col.table() + " set " + col.column() + " = ? where " + where).params(params).update();
        }
        return n;
    }
}
