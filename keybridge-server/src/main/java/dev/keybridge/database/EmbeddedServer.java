package dev.keybridge.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL, run for durability and not for tests: fsync, synchronous commit and
 * full-page writes on; SCRAM password logins over 127.0.0.1 only (no Unix socket, no trust); the
 * application connects as a non-superuser role, so server-side file functions
 * ({@code pg_read_file}) are refused to it. Data in {@code <data dir>/postgres}. A PostgreSQL left
 * running by a JVM that was killed is stopped before this one starts; {@link #restart()} brings a
 * dead one back on the same port so the connection pool reconnects by itself.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
    /** The embedded library's own lock file; a start that failed half-way leaves it locked in this JVM. */
    private static final String LIBRARY_LOCK = "epg-lock";
    static final String DATABASE = "postgres";

    private final Path pgData;
    private final EmbeddedCredentials credentials;
    private final Duration startupWait;
    private final int major;
    private volatile EmbeddedPostgres postgres;
    private volatile ProcessHandle postmaster;
    private volatile boolean closed;
    private int port;

    private EmbeddedServer(Path pgData, EmbeddedCredentials credentials, Duration startupWait, int major) {
        this.startupWait = startupWait;
        this.major = major;
        this.pgData = pgData;
        this.credentials = credentials;
    }

    /** Starts (initializing on first use) the embedded PostgreSQL of {@code dataDir}. */
    public static EmbeddedServer start(Path dataDir) throws IOException {
        return start(dataDir, STARTUP_WAIT, EmbeddedBinaries.CURRENT_MAJOR);
    }

    /**
     * Starts the embedded PostgreSQL of {@code dataDir} with the binaries of {@code major}
     * ({@link EmbeddedBinaries#CURRENT_MAJOR}, or {@link EmbeddedBinaries#PREVIOUS_MAJOR} to read a
     * data directory an earlier release made, for the upgrade).
     */
    public static EmbeddedServer start(Path dataDir, int major) throws IOException {
        return start(dataDir, STARTUP_WAIT, major);
    }

    static EmbeddedServer start(Path dataDir, Duration startupWait) throws IOException {
        return start(dataDir, startupWait, EmbeddedBinaries.CURRENT_MAJOR);
    }

    static EmbeddedServer start(Path dataDir, Duration startupWait, int major) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path pgData = dir.resolve("postgres");
        Files.createDirectories(pgData);
        OptionalInt found = EmbeddedBinaries.majorOf(pgData);
        if (found.isPresent() && found.getAsInt() != major) {
            throw new EmbeddedVersionMismatch(pgData, found.getAsInt(), major);
        }
        boolean legacy = found.isPresent() && !EmbeddedCredentials.superuserPasswordExists(dir);
        EmbeddedServer server = new EmbeddedServer(pgData, EmbeddedCredentials.loadOrCreate(dir), startupWait, major);
        StalePostmaster.stopIfRunning(pgData);
        if (legacy) {
            server.upgradeTrustingDataDirectory();
        } else {
            server.boot(0);
        }
        AppRole.ensure(server.superuserConnection(), server.credentials);
        log.info("Embedded PostgreSQL started (fsync and synchronous commit on), data in {}", pgData);
        return server;
    }

    /** JDBC URL of the application's database (loopback TCP). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String appUser() {
        return AppRole.NAME;
    }

    public String appPassword() {
        return credentials.appPassword();
    }

    /** Whether the postmaster this node started is still running. */
    public boolean isAlive() {
        ProcessHandle p = postmaster;
        return p != null && p.isAlive();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Starts PostgreSQL again on the same port after it died (crash recovery replays its log). */
    public synchronized void restart() throws IOException {
        if (closed) {
            return;
        }
        if (isAlive()) {
            closeQuietly(postgres);
        }
        // A dead server cannot be stopped (the library would log a failed pg_ctl stop); its lock file
        // is replaced instead, so the new start can lock it in this JVM.
        StalePostmaster.stopIfRunning(pgData);
        Files.deleteIfExists(pgData.resolve(LIBRARY_LOCK));
        boot(port);
        log.info("Embedded PostgreSQL restarted on port {}", port);
    }

    private synchronized void boot(int fixedPort) throws IOException {
        writeHostRules();
        EmbeddedPostgres.Builder builder = durable(EmbeddedPostgres.builder())
                .setConnectConfig("password", credentials.superuserPassword())
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("pwfile", credentials.superuserFile().toString());
        if (fixedPort > 0) {
            builder.setPort(fixedPort);
        }
        postgres = builder.start();
        port = postgres.getPort();
        postmaster = StalePostmaster.find(pgData).orElse(null);
    }

    /**
     * A data directory made before Keybridge set passwords trusts every local connection: start it
     * once that way, give the superuser its generated password, then require passwords from now on.
     */
    private synchronized void upgradeTrustingDataDirectory() throws IOException {
        log.warn("Embedded PostgreSQL in {} trusts local connections; setting passwords and a non-superuser role", pgData);
        postgres = durable(EmbeddedPostgres.builder()).start();
        port = postgres.getPort();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            AppRole.setPassword(c, "postgres", credentials.superuserPassword());
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL superuser password", e);
        }
        closeQuietly(postgres);
        boot(port);
    }

    private EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder builder) {
        return builder.setDataDirectory(pgData)
                .setPgBinaryResolver(major == EmbeddedBinaries.CURRENT_MAJOR ? EmbeddedBinaries.current() : EmbeddedBinaries.previous())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(startupWait)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_connections", "200");
    }

    /** pg_hba.conf: passwords (SCRAM) over 127.0.0.1 only; nothing is trusted. */
    private void writeHostRules() throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        if (!Files.exists(hba)) {
            return;     // initdb writes it, with the same rules (--auth-host/--auth-local below)
        }
        Files.writeString(hba, """
                # Written by Keybridge on every start: password (SCRAM) logins over loopback TCP only.
                host    all    all    127.0.0.1/32    scram-sha-256
                """, StandardCharsets.UTF_8);
    }

    Connection superuserConnection() throws IOException {
        try {
            return postgres.getPostgresDatabase().getConnection();
        } catch (SQLException e) {
            throw new IOException("Could not connect to the embedded PostgreSQL as its superuser", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing the old embedded PostgreSQL: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (postgres != null) {
            postgres.close();
        }
    }
}
