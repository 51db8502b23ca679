package dev.keybridge.backup;

import ch.qos.logback.classic.Level;
import com.google.crypto.tink.KeysetHandle;
import dev.keybridge.config.SecretFiles;
import dev.keybridge.database.DirectDatabase;
import dev.keybridge.vault.MasterKey;
import dev.keybridge.vault.Vault;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar keybridge-server.jar backup --out FILE [--include-master-key]} and {@code restore --in FILE}:
 * run by {@code KeybridgeApplication.main} before (and instead of) Spring. Backup works while the
 * server runs. Restore fills an empty database (a new data directory, or an empty external database),
 * then verifies it: row counts, and every sealed value decrypting with the master key.
 */
public final class BackupCommand {

    private BackupCommand() {}

    /** Whether {@code args} name one of these commands. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"));
    }

    /** Runs the command; returns the exit status (0 done, 1 failed, 2 bad arguments). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root instanceof ch.qos.logback.classic.Logger logback)) {
            return runCommand(args, out, err);
        }
        Level before = logback.getLevel();
        logback.setLevel(Level.WARN);   // only the libraries' warnings and errors (the embedded start is chatty)
        try {
            return runCommand(args, out, err);
        } finally {
            logback.setLevel(before);
        }
    }

    private static int runCommand(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (CommandLine.Usage e) {
            err.println("keybridge: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("keybridge: the settings do not bind: " + e.getMessage());
            return 2;
        }
        try {
            if (line.command().equals("backup")) {
                backup(line, out);
            } else {
                restore(line, out);
            }
            return 0;
        } catch (BackupException | IllegalStateException e) {
            err.println("keybridge " + line.command() + ": " + e.getMessage());
        } catch (IOException | UncheckedIOException | SQLException e) {
            err.println("keybridge " + line.command() + ": " + e.getMessage());
        }
        return 1;
    }

    private static void backup(CommandLine line, PrintStream out) throws IOException, SQLException {
        Path file = line.requiredFile().toAbsolutePath();
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file + " exists; choose a new file name");
        }
        BackupWriter.Options options = new BackupWriter.Options(Clock.systemUTC(), CommandLine.keybridgeVersion(), null);
        if (line.includeMasterKey()) {
            KeysetHandle key = MasterKey.existing(line.settings()).orElseThrow(() -> new IllegalStateException(
                    "--include-master-key: there is no master key (KEYBRIDGE_MASTER_KEY or the data directory's keyset file)"));
            options = options.withMasterKey(MasterKey.toJson(key));
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Manifest manifest;
        try (DirectDatabase db = DirectDatabase.open(line.settings(), DirectDatabase.Use.READ_EXISTING)) {
            out.println("Backing up " + db.description() + " ...");
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream o = Files.newOutputStream(partial)) {
                manifest = BackupWriter.write(db.connection(), o, options);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        long rows = manifest.tables().stream().mapToLong(Manifest.Table::rows).sum();
        out.printf("Backup written to %s: %d tables, %d rows, schema version %s, PostgreSQL %s, %d bytes.%n", file,
                manifest.tables().size(), rows, manifest.schemaVersion(), manifest.postgresqlVersion(), Files.size(file));
        if (manifest.masterKeyIncluded()) {
            out.println("WARNING: this archive holds the master key. Anyone who has the file can decrypt every stored "
                    + "credential: keep it as secret as the key itself.");
        } else {
            out.println("The master key is NOT in this archive. A restore needs KEYBRIDGE_MASTER_KEY or the data "
                    + "directory's master-keyset.json to verify (and later use) the sealed values; keep the key safe apart.");
        }
    }

    private static void restore(CommandLine line, PrintStream out) throws IOException, SQLException {
        try (Archive archive = Archive.open(line.requiredFile());
             DirectDatabase db = DirectDatabase.open(line.settings(), DirectDatabase.Use.FILL_STOPPED)) {
            Manifest m = archive.manifest();
            out.println("Restoring the archive of " + m.createdAt() + " (Keybridge " + m.keybridgeVersion() + ", schema version "
                    + m.schemaVersion() + ") into " + db.description() + " ...");
            BackupRestorer.Restored restored = BackupRestorer.restore(archive, db.connection());
            Vault vault = masterKey(line, restored.masterKeyset(), out);
            BackupVerifier.Verification v = BackupVerifier.verify(m, db.connection(), vault, SealedColumns.declared());
            out.printf("Restored and verified: %d tables, %d rows, checksums and row counts as in the manifest.%n",
                    v.tables(), v.rows());
            if (v.sealedChecked()) {
                out.printf("Every sealed value decrypts with the master key (%d values).%n", v.sealedValues());
            } else {
                out.println("Sealed values NOT verified: no master key. Set KEYBRIDGE_MASTER_KEY (or put master-keyset.json "
                        + "in the data directory) to the key of the archived node before starting Keybridge.");
            }
            out.println("Start Keybridge on it as usual: this build's later migrations run then.");
        }
    }

    /**
     * The key to verify with: the node's own ({@code KEYBRIDGE_MASTER_KEY} or the keyset file), else the
     * archive's, which then becomes the data directory's keyset file; null when neither exists.
     */
    private static @Nullable Vault masterKey(CommandLine line, Optional<String> fromArchive, PrintStream out) throws IOException {
        Optional<KeysetHandle> own = MasterKey.existing(line.settings());
        if (own.isPresent()) {
            if (fromArchive.isPresent()) {
                out.println("The archive's master key was not installed: this node already has one (it is used to verify).");
            }
            return new Vault(own.get());
        }
        if (fromArchive.isEmpty()) {
            return null;
        }
        Path file = MasterKey.keysetFile(line.settings().dataDir());
        SecretFiles.writePrivate(file, fromArchive.get());
        out.println("The archive's master key was written to " + file + " (mode 0600).");
        return new Vault(MasterKey.fromJson(fromArchive.get()));
    }
}
