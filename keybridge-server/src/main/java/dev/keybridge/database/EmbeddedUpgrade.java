package dev.keybridge.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrades, in place, an embedded data directory made by the previous releases' PostgreSQL
 * ({@link EmbeddedBinaries#PREVIOUS_MAJOR}) to {@link EmbeddedBinaries#CURRENT_MAJOR}, with no step
 * by hand:
 * <ol>
 *   <li>the old directory is copied to {@code postgres-upgrade/old} and started there with the old
 *       binaries, so the original is never written to;</li>
 *   <li>a new directory {@code postgres-upgrade/new} is made with the new binaries and the same
 *       passwords, and the caller's {@link Transfer} moves and verifies the data (row counts, every
 *       sealed value decrypts);</li>
 *   <li>only then is {@code postgres} renamed to {@code postgres-14-backup-<date>} (kept for the
 *       operator to delete) and the new directory put in its place; a marker file makes a crash
 *       between the two renames finish at the next start.</li>
 * </ol>
 * A failure before the renames deletes the work directory and leaves {@code postgres} as it was.
 */
public final class EmbeddedUpgrade {

    /** Moves the data from the old server to the new one and verifies it; throws to abandon the upgrade. */
    @FunctionalInterface
    public interface Transfer {
        void run(Connection oldSuperuser, Connection newSuperuser, Path workDir) throws Exception;
    }

    static final String WORK = "postgres-upgrade";
    static final String VERIFIED = "verified";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedUpgrade.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dataDir;
    private final Path pgData;
    private final Path work;
    private final Clock clock;

    public EmbeddedUpgrade(Path dataDir, Clock clock) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.pgData = this.dataDir.resolve("postgres");
        this.work = this.dataDir.resolve(WORK);
        this.clock = clock;
    }

    /** Whether the data directory needs an upgrade (or has one to finish) before the embedded PostgreSQL can start. */
    public boolean isNeeded() throws IOException {
        if (Files.exists(work)) {
            return true;
        }
        OptionalInt major = EmbeddedBinaries.majorOf(pgData);
        return major.isPresent() && major.getAsInt() < EmbeddedBinaries.CURRENT_MAJOR;
    }

    /**
     * Upgrades the data directory when it needs it; returns the dated backup of the old directory, or
     * null when there was nothing to do. Throws {@link IllegalStateException} saying what to do when the
     * upgrade failed; {@code postgres} is then unchanged.
     */
    public Path runIfNeeded(Transfer transfer) {
        try {
            if (Files.exists(work.resolve(VERIFIED))) {
                return finish();
            }
            FileTrees.deleteIfExists(work);    // an upgrade interrupted before it was verified starts over
            OptionalInt major = EmbeddedBinaries.majorOf(pgData);
            if (major.isEmpty() || major.getAsInt() >= EmbeddedBinaries.CURRENT_MAJOR) {
                return null;
            }
            if (major.getAsInt() != EmbeddedBinaries.PREVIOUS_MAJOR) {
                throw new IllegalStateException("The embedded data directory " + pgData + " was made by PostgreSQL "
                        + major.getAsInt() + ", which no Keybridge release ran; only PostgreSQL "
                        + EmbeddedBinaries.PREVIOUS_MAJOR + " directories are upgraded.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the embedded data directory " + dataDir, e);
        }
        long started = System.nanoTime();
        try {
            upgrade(transfer);
        } catch (Exception e) {
            abandon();
            throw new IllegalStateException("Upgrading the embedded PostgreSQL " + EmbeddedBinaries.PREVIOUS_MAJOR + " data directory "
                    + pgData + " to PostgreSQL " + EmbeddedBinaries.CURRENT_MAJOR + " failed: " + describe(e)
                    + ". Nothing in " + pgData + " was changed. Fix the cause and start again, or run the previous Keybridge"
                    + " release on this data directory.", e);
        }
        try {
            Path backup = finish();
            log.info("Upgraded the embedded PostgreSQL from {} to {} in {} ms; the old directory is kept as {} (delete it once"
                    + " you no longer need it)", EmbeddedBinaries.PREVIOUS_MAJOR, EmbeddedBinaries.CURRENT_MAJOR,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), backup);
            return backup;
        } catch (IOException e) {
            throw new UncheckedIOException("The upgraded data is verified in " + work + " but could not be put in place", e);
        }
    }

    private void upgrade(Transfer transfer) throws Exception {
        log.warn("The embedded PostgreSQL data in {} was made by PostgreSQL {}; upgrading it to PostgreSQL {}", pgData,
                EmbeddedBinaries.PREVIOUS_MAJOR, EmbeddedBinaries.CURRENT_MAJOR);
        StalePostmaster.stopIfRunning(pgData);
        Path oldDir = work.resolve("old");
        Path newDir = work.resolve("new");
        Files.createDirectories(oldDir);
        Files.createDirectories(newDir);
        for (String file : new String[] {EmbeddedCredentials.SUPERUSER_FILE, EmbeddedCredentials.APP_FILE}) {
            if (Files.exists(dataDir.resolve(file))) {
                Files.copy(dataDir.resolve(file), oldDir.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        FileTrees.copy(pgData, oldDir.resolve("postgres"), "postmaster.pid", "epg-lock");
        try (EmbeddedServer old = EmbeddedServer.start(oldDir, EmbeddedBinaries.PREVIOUS_MAJOR)) {
            for (String file : new String[] {EmbeddedCredentials.SUPERUSER_FILE, EmbeddedCredentials.APP_FILE}) {
                Files.copy(oldDir.resolve(file), newDir.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
            try (EmbeddedServer fresh = EmbeddedServer.start(newDir, EmbeddedBinaries.CURRENT_MAJOR);
                 Connection from = old.superuserConnection(); Connection to = fresh.superuserConnection()) {
                transfer.run(from, to, work);
            }
        }
        Files.writeString(work.resolve(VERIFIED), "verified " + LocalDateTime.now(clock) + "\n");
    }

    /** The renames, once the new directory is verified (also after a crash between them). */
    private Path finish() throws IOException {
        Path fresh = work.resolve("new").resolve("postgres");
        Path backup = null;
        if (Files.exists(fresh)) {
            if (Files.exists(pgData)) {
                backup = dataDir.resolve("postgres-" + EmbeddedBinaries.PREVIOUS_MAJOR + "-backup-" + LocalDateTime.now(clock).format(STAMP));
                Files.move(pgData, backup, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(fresh.resolve("postmaster.pid"));
            Files.move(fresh, pgData, StandardCopyOption.ATOMIC_MOVE);
        }
        FileTrees.deleteIfExists(work);
        return backup;
    }

    private void abandon() {
        try {
            FileTrees.deleteIfExists(work);
        } catch (IOException e) {
            log.warn("Could not delete the upgrade's work directory {}: {}", work, e.toString());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
