package dev.keybridge.backup;

import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a restored database against its archive's manifest: every table holds exactly the manifest's
 * rows, and (given the master key) every sealed value of every {@link SealedColumn} decrypts with its
 * record's context. Throws a {@link BackupException} naming what differs; never prints a value.
 */
public final class BackupVerifier {

    /**
     * What was checked.
     *
     * @param sealedValues the sealed values that decrypted; 0 with {@code sealedChecked} false when no key was given
     */
    public record Verification(int tables, long rows, long sealedValues, boolean sealedChecked) {}

    private BackupVerifier() {}

    /**
     * Verifies {@code target} against {@code manifest}; {@code vault} null skips the sealed values (no
     * master key at hand). {@code sealedColumns}: every declared column ({@link SealedColumns#declared()}
     * outside Spring, the {@code SealedColumn} beans inside).
     */
    public static Verification verify(Manifest manifest, Connection target, @Nullable Vault vault,
                                      List<SealedColumn> sealedColumns) {
        try {
            long rows = 0;
            for (Manifest.Table t : manifest.tables()) {
                long n = count(target, t.name());
                if (n != t.rows()) {
                    throw new BackupException("Table " + t.name() + " has " + n + " rows; the archive's manifest says " + t.rows());
                }
                rows += n;
            }
            long sealed = 0;
            if (vault != null) {
                for (SealedColumn col : sealedColumns) {
                    sealed += decryptAll(target, vault, col);
                }
            }
            return new Verification(manifest.tables().size(), rows, sealed, vault != null);
        } catch (SQLException e) {
            throw new BackupException("Verifying the database failed: " + e.getMessage(), e);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from " + SchemaTables.quote(table));
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long decryptAll(Connection c, Vault vault, SealedColumn col) throws SQLException {
        List<String> select = new ArrayList<>(col.keys());
        select.addAll(col.contextColumns());
        String sql = "select " + SchemaTables.columnList(select) + ", " + SchemaTables.quote(col.column()) + " from "
                + SchemaTables.quote(col.table()) + " where " + SchemaTables.quote(col.column()) + " is not null";
        long ok = 0;
        long failed = 0;
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            int sealedIndex = meta.getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i < sealedIndex; i++) {
                    Object v = rs.getObject(i);
                    if (v != null) {
                        row.put(meta.getColumnLabel(i), v);
                    }
                }
                try {
                    vault.decrypt(rs.getBytes(sealedIndex), col.context().apply(new SealedColumn.Row(row)));
                    ok++;
                } catch (Vault.VaultException e) {
                    failed++;
                }
            }
        }
        if (failed > 0) {
            throw new BackupException(failed + " of " + (ok + failed) + " sealed values in " + col.table() + "." + col.column()
                    + " do not decrypt with this master key (the archive was taken with another key?)");
        }
        return ok;
    }
}
