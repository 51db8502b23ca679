package dev.keybridge.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Restores an archive into an empty database: checks the archive's entries against its manifest, refuses
 * a target that holds data or a schema newer than the archive's and an archive newer than this build,
 * migrates the target up to the archive's schema version (Flyway, this build's migrations), then loads
 * every table ({@code COPY … FROM STDIN}, constraints checked) and sets the sequences, all in one
 * transaction. The build's later migrations run when Keybridge next starts, as usual.
 */
public final class BackupRestorer {

    /** Where this build's migrations are (Spring Boot's default, which Keybridge uses). */
    public static final String MIGRATIONS = "classpath:db/migration";

    /** What was restored: the manifest, and the master keyset when the archive holds it. */
    public record Restored(Manifest manifest, Optional<String> masterKeyset) {
        @Override
        public String toString() {
            return "Restored[" + manifest.tables().size() + " tables, master key "
                    + (masterKeyset.isPresent() ? "" : "not ") + "included]";
        }
    }

    private BackupRestorer() {}

    /** Reads the archive from {@code in} (not closed) and restores it into {@code target}. */
    public static Restored restore(InputStream in, Connection target) {
        try (Archive archive = Archive.read(in)) {
            return restore(archive, target);
        }
    }

    /** Restores {@code archive} into {@code target} (see the class); the archive stays open. */
    public static Restored restore(Archive archive, Connection target) {
        Manifest manifest = archive.manifest();
        archive.verifyEntries();
        try {
            refuseUnlessEmpty(target, manifest);
            migrate(target, manifest.schemaVersion());
            load(archive, target);
        } catch (SQLException e) {
            throw new BackupException("Restoring into the database failed: " + e.getMessage(), e);
        }
        return new Restored(manifest, archive.masterKeyset());
    }

    /** The latest schema version of this build's migrations. */
    public static String latestSchemaVersion(Connection c) {
        return Arrays.stream(flyway(c, null).info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null).max(MigrationVersion::compareTo).map(MigrationVersion::getVersion)
                .orElseThrow(() -> new BackupException("This build has no migrations at " + MIGRATIONS));
    }

    private static void refuseUnlessEmpty(Connection c, Manifest manifest) throws SQLException {
        for (SchemaTables.Table t : SchemaTables.list(c)) {
            if (t.name().equals(SchemaTables.FLYWAY_HISTORY)) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement("select exists (select from " + SchemaTables.quote(t.name()) + ")");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new BackupException("The target database is not empty: table " + t.name() + " has rows. "
                            + "Restore only into an empty database (a new data directory, or a new external database).");
                }
            }
        }
        String current = SchemaTables.schemaVersion(c);
        MigrationVersion wanted = MigrationVersion.fromVersion(manifest.schemaVersion());
        if (current != null && MigrationVersion.fromVersion(current).isNewerThan(wanted.getVersion())) {
            throw new BackupException("The target database's schema is at version " + current + ", newer than the archive's "
                    + manifest.schemaVersion() + ": restore into an empty database that no newer Keybridge has started on.");
        }
        String latest = latestSchemaVersion(c);
        if (wanted.isNewerThan(latest)) {
            throw new BackupException("The archive's schema version " + manifest.schemaVersion() + " is newer than this build's ("
                    + latest + "): restore it with Keybridge " + manifest.keybridgeVersion() + " or later.");
        }
    }

    private static void migrate(Connection c, String version) {
        flyway(c, MigrationVersion.fromVersion(version)).migrate();
    }

    private static Flyway flyway(Connection c, @Nullable MigrationVersion target) {
        var config = Flyway.configure().dataSource(new SingleConnectionDataSource(c, true)).locations(MIGRATIONS);
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static void load(Archive archive, Connection c) throws SQLException {
        Manifest manifest = archive.manifest();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("truncate " + manifest.tables().stream().map(t -> SchemaTables.quote(t.name()))
                    .collect(Collectors.joining(", ")));
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (Manifest.Table t : manifest.tables()) {
                long rows;
                try (InputStream in = archive.entry(t)) {
                    rows = copy.copyIn("copy " + SchemaTables.quote(t.name()) + " (" + SchemaTables.columnList(t.columns())
                            + ") from stdin", in);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not read " + t.entry(), e);
                }
                if (rows != t.rows()) {
                    throw new BackupException("Table " + t.name() + ": " + rows + " rows loaded, the manifest says " + t.rows());
                }
            }
            for (Manifest.Sequence q : manifest.sequences()) {
                try (PreparedStatement p = c.prepareStatement("select setval(?::regclass, ?, ?)")) {
                    p.setString(1, SchemaTables.quote(q.name()));
                    p.setLong(2, q.lastValue());
                    p.setBoolean(3, q.isCalled());
                    p.execute();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
