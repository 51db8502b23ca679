package dev.keybridge.backup;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.database.EmbeddedUpgrade;
import dev.keybridge.vault.MasterKey;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data side of the embedded upgrade ({@link EmbeddedUpgrade}): the old server's tables are
 * written to an archive in the upgrade's work directory with the same code as {@code ./keybridge
 * backup} (one snapshot), restored into the new server, and verified: the archive's checksums, every
 * table's row count, and every sealed value decrypting with the master key. Without a master key the
 * upgrade goes on only if nothing is sealed.
 */
public final class UpgradeTransfer implements EmbeddedUpgrade.Transfer {

    static final String ARCHIVE = "upgrade-archive.zip";
    private static final Logger log = LoggerFactory.getLogger(UpgradeTransfer.class);

    private final @Nullable Vault vault;
    private final Clock clock;
    private final List<SealedColumn> sealedColumns;

    UpgradeTransfer(@Nullable Vault vault, Clock clock, List<SealedColumn> sealedColumns) {
        this.vault = vault;
        this.clock = clock;
        this.sealedColumns = sealedColumns;
    }

    /** The transfer for this node's settings: its master key when it has one. */
    public static UpgradeTransfer of(KeybridgeSettings settings, Clock clock) {
        return new UpgradeTransfer(MasterKey.existing(settings).map(Vault::new).orElse(null), clock, SealedColumns.declared());
    }

    @Override
    public void run(Connection oldSuperuser, Connection newSuperuser, Path workDir) throws Exception {
        Path file = workDir.resolve(ARCHIVE);
        Manifest written;
        try (OutputStream out = Files.newOutputStream(file)) {
            written = BackupWriter.write(oldSuperuser, out, new BackupWriter.Options(clock, CommandLine.keybridgeVersion(), null));
        }
        try (Archive archive = Archive.open(file)) {
            BackupRestorer.restore(archive, newSuperuser);
        }
        if (vault == null) {
            refuseSealedValuesWithoutKey(newSuperuser);
        }
        BackupVerifier.Verification checked = BackupVerifier.verify(written, newSuperuser, vault, sealedColumns);
        log.info("Upgrade verified: {} tables, {} rows, {} sealed values decrypted", checked.tables(), checked.rows(),
                checked.sealedValues());
    }

    private void refuseSealedValuesWithoutKey(Connection c) throws SQLException {
        for (SealedColumn col : sealedColumns) {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select count(*) from " + SchemaTables.quote(col.table()) + " where "
                         + SchemaTables.quote(col.column()) + " is not null")) {
                r.next();
                if (r.getLong(1) > 0) {
                    throw new BackupException("the database holds sealed values (" + col.table() + "." + col.column()
                            + ") but there is no master key to verify them: set KEYBRIDGE_MASTER_KEY or restore "
                            + MasterKey.keysetFile(Path.of("<data dir>")).getFileName() + " in the data directory");
                }
            }
        }
    }
}
