package dev.keybridge.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded PostgreSQL of a node that has no {@code KEYBRIDGE_DATABASE_URL}, with its watchdog;
 * {@link #none()} when the database is external. Closing it stops PostgreSQL cleanly.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);
    private static final int RESTART_ATTEMPTS = 5;

    private final EmbeddedServer server;
    private final EmbeddedWatchdog watchdog;

    private EmbeddedDatabase(EmbeddedServer server) {
        this.server = server;
        this.watchdog = server == null ? null : new EmbeddedWatchdog(server, WATCH_INTERVAL, RESTART_ATTEMPTS,
                code -> Thread.ofPlatform().start(() -> System.exit(code)));
    }

    public static EmbeddedDatabase none() {
        return new EmbeddedDatabase(null);
    }

    /**
     * Tests only: with the JVM system property {@code keybridge.tests.previous-postgres=true} the embedded
     * server runs the previous releases' PostgreSQL 14, so a test can make and fill a data directory as
     * those releases did, then upgrade it (UpgradeFromPreviousReleaseIT).
     */
    public static boolean runsPreviousMajorForTests() {
        return Boolean.getBoolean("keybridge.tests.previous-postgres");
    }

    /** Starts the embedded PostgreSQL of {@code dataDir} and watches it. */
    public static EmbeddedDatabase start(Path dataDir) {
        try {
            int major = runsPreviousMajorForTests() ? EmbeddedBinaries.PREVIOUS_MAJOR : EmbeddedBinaries.CURRENT_MAJOR;
            EmbeddedDatabase db = new EmbeddedDatabase(EmbeddedServer.start(dataDir, major));
            db.watchdog.start();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public boolean isPresent() {
        return server != null;
    }

    public EmbeddedServer server() {
        return server;
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            watchdog.stop();
            server.close();
        }
    }
}
