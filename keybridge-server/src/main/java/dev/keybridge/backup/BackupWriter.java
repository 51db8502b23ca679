package dev.keybridge.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes an archive: one {@code REPEATABLE READ, READ ONLY} transaction (one snapshot for every table,
 * while writers go on), each table copied out ({@code COPY … TO STDOUT}, text format) into its own
 * deflated zip entry, the sequences' values read after the snapshot began (so never behind its rows),
 * the master keyset only when {@link Options#masterKeyset()} is given, and {@code manifest.json} last.
 */
public final class BackupWriter {

    /**
     * @param clock            the time recorded as {@code created_at}
     * @param keybridgeVersion the version of the build taking the archive
     * @param masterKeyset     the master keyset (Tink JSON) to include, or null to leave it out
     */
    public record Options(Clock clock, String keybridgeVersion, @Nullable String masterKeyset) {

        public Options withMasterKey(String keyset) {
            return new Options(clock, keybridgeVersion, keyset);
        }

        @Override
        public String toString() {
            return "Options[" + keybridgeVersion + ", master key " + (masterKeyset == null ? "not " : "") + "included]";
        }
    }

    private BackupWriter() {}

    /**
     * Writes the archive of {@code source}'s current schema to {@code out} (not closed) and returns its
     * manifest. The connection's auto-commit is restored afterwards; nothing is written to the database.
     */
    public static Manifest write(Connection source, OutputStream out, Options options) {
        try {
            boolean autoCommit = source.getAutoCommit();
            source.setAutoCommit(false);
            try (Statement s = source.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
                Manifest manifest = writeInSnapshot(source, out, options);
                source.commit();
                return manifest;
            } catch (SQLException | RuntimeException e) {
                source.rollback();
                throw e;
            } finally {
                source.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new BackupException("Reading the database failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the archive failed", e);
        }
    }

    private static Manifest writeInSnapshot(Connection c, OutputStream out, Options options) throws SQLException, IOException {
        String createdAt = Instant.now(options.clock()).truncatedTo(ChronoUnit.MILLIS).toString();
        String serverVersion = single(c, "show server_version");   // the first query takes the snapshot
        String schemaVersion = SchemaTables.schemaVersion(c);
        if (schemaVersion == null) {
            throw new BackupException("The database has no Keybridge schema (no " + SchemaTables.FLYWAY_HISTORY + ")");
        }
        List<SchemaTables.Table> tables = SchemaTables.list(c);
        ZipOutputStream zip = new ZipOutputStream(nonClosing(out), StandardCharsets.UTF_8);
        zip.setLevel(Deflater.BEST_SPEED);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        List<Manifest.Table> written = new ArrayList<>();
        for (SchemaTables.Table t : tables) {
            String entry = "tables/" + t.name() + ".copy";
            zip.putNextEntry(new ZipEntry(entry));
            CountingDigest counted = new CountingDigest(zip);
            copy.copyOut("copy " + SchemaTables.quote(t.name()) + " (" + SchemaTables.columnList(t.columns())
                    + ") to stdout", counted);
            counted.close();
            zip.closeEntry();
            written.add(new Manifest.Table(t.name(), entry, t.columns(), counted.lines(), counted.bytes(), counted.sha256()));
        }
        List<Manifest.Sequence> sequences = new ArrayList<>();
        for (String seq : SchemaTables.sequences(c)) {
            try (PreparedStatement s = c.prepareStatement("select last_value, is_called from " + SchemaTables.quote(seq));
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                sequences.add(new Manifest.Sequence(seq, rs.getLong(1), rs.getBoolean(2)));
            }
        }
        String keyset = options.masterKeyset();
        if (keyset != null) {
            byte[] key = keyset.getBytes(StandardCharsets.UTF_8);
            ZipEntry entry = new ZipEntry(Manifest.MASTER_KEY_ENTRY);
            entry.setMethod(ZipEntry.STORED);   // stored as is: a search of the file for the key finds it
            entry.setSize(key.length);
            CRC32 crc = new CRC32();
            crc.update(key);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(key);
            zip.closeEntry();
        }
        List<Manifest.Excluded> excluded = SchemaTables.EXCLUDED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Manifest.Excluded(e.getKey(), e.getValue())).toList();
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, createdAt, options.keybridgeVersion(), serverVersion,
                schemaVersion, keyset != null, written, sequences, excluded);
        zip.putNextEntry(new ZipEntry(Manifest.ENTRY));
        zip.write(manifest.toJson());
        zip.closeEntry();
        zip.finish();
        zip.flush();
        return manifest;
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
