package dev.keybridge.database;

import dev.keybridge.config.KeybridgeSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One connection to a node's database for a command run outside the server (backup, restore): the
 * external PostgreSQL of {@code KEYBRIDGE_DATABASE_URL}; else the embedded one of the data directory,
 * joined while the server runs it (the port from {@code postmaster.pid}, the application role's
 * password from the data directory: a live postmaster is never stopped) or started for the command
 * and stopped again on {@link #close()}.
 */
public final class DirectDatabase implements AutoCloseable {

    /** What the command needs of an embedded database. */
    public enum Use {
        /** Read a database that exists: join the running server's, or start it. */
        READ_EXISTING,
        /** Fill a new one: refused while a server runs on the directory; initialized when missing. */
        FILL_STOPPED
    }

    private final Connection connection;
    private final EmbeddedServer started;
    private final String description;

    private DirectDatabase(Connection connection, EmbeddedServer started, String description) {
        this.connection = connection;
        this.started = started;
        this.description = description;
    }

    public static DirectDatabase open(KeybridgeSettings settings, Use use) throws IOException, SQLException {
        KeybridgeSettings.Database db = settings.database();
        if (db.isExternal()) {
            Properties p = new Properties();
            if (db.user() != null && !db.user().isBlank()) {
                p.setProperty("user", db.user());
            }
            if (db.password() != null && !db.password().isBlank()) {
                p.setProperty("password", db.password());
            }
            return new DirectDatabase(DriverManager.getConnection(db.url(), p), null, "the PostgreSQL of KEYBRIDGE_DATABASE_URL");
        }
        Path dataDir = settings.dataDir().toAbsolutePath().normalize();
        Path pgData = dataDir.resolve("postgres");
        Optional<ProcessHandle> running = StalePostmaster.find(pgData);
        if (running.isPresent()) {
            if (use == Use.FILL_STOPPED) {
                throw new IllegalStateException("Keybridge's embedded PostgreSQL is running on " + pgData + " (pid "
                        + running.get().pid() + "): stop Keybridge before restoring into its data directory");
            }
            int port = port(pgData);
            String password = Files.readString(dataDir.resolve(EmbeddedCredentials.APP_FILE), StandardCharsets.UTF_8).trim();
            Connection c = connect("jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedServer.DATABASE, password);
            return new DirectDatabase(c, null, "the running embedded PostgreSQL of " + dataDir + " (port " + port + ")");
        }
        if (use == Use.READ_EXISTING && !Files.exists(pgData.resolve("PG_VERSION"))) {
            throw new IllegalStateException("There is no embedded database in " + pgData
                    + " (set KEYBRIDGE_DATA_DIR, or KEYBRIDGE_DATABASE_URL for an external PostgreSQL)");
        }
        EmbeddedServer server = EmbeddedServer.start(dataDir);
        try {
            return new DirectDatabase(connect(server.jdbcUrl(), server.appPassword()), server,
                    "the embedded PostgreSQL of " + dataDir + " (started for this command)");
        } catch (SQLException e) {
            server.close();
            throw e;
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", AppRole.NAME);
        p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    /** The port a running postmaster listens on: the fourth line of its pid file. */
    private static int port(Path pgData) throws IOException {
        List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        if (lines.size() < 4) {
            throw new IOException("postmaster.pid in " + pgData + " does not name a port yet (PostgreSQL still starting?)");
        }
        return Integer.parseInt(lines.get(3).trim());
    }

    public Connection connection() {
        return connection;
    }

    /** Which database this is, for the command's output (no password). */
    public String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the server side ends the session anyway
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }
}
