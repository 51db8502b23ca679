package dev.keybridge.vault;

import dev.keybridge.config.KeybridgeSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private final JdbcClient jdbc;
    private final Vault vault;
    private final KeybridgeSettings settings;
    private final List<SealedColumn> columns;

    /** {@code columns}: every {@link SealedColumn} bean; a feature that seals a new column declares one. */
    public Reencryption(JdbcClient jdbc, Vault vault, KeybridgeSettings settings, List<SealedColumn> columns) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.settings = settings;
        this.columns = List.copyOf(columns);
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
            byte[] sealed = Objects.requireNonNull((byte[]) row.get("sealed"));   // the select skips nulls
            if (vault.isPrimary(sealed)) {
                continue;
            }
            byte[] context = col.context().apply(new SealedColumn.Row(row));
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
