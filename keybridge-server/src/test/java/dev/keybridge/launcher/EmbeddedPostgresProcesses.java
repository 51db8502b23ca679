package dev.keybridge.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** The embedded PostgreSQL of a data directory, seen from outside: its processes, its port, a login. */
final class EmbeddedPostgresProcesses {

    private EmbeddedPostgresProcesses() {}

    /** Every live process whose command line names {@code <dataDir>/postgres} (postmaster and children). */
    static List<ProcessHandle> of(Path dataDir) {
        String pgData = dataDir.resolve("postgres").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(pgData)).orElse(false)
                        || p.parent().flatMap(pp -> pp.info().commandLine()).map(c -> c.contains(pgData)).orElse(false))
                .toList();
    }

    /**
     * kill -9 of the postmaster and all its children at once, then waits until they have all exited;
     * returns how many were killed.
     */
    static int killAll(Path dataDir) {
        List<ProcessHandle> all = of(dataDir);
        all.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
        return all.size();
    }

    static int port(Path dataDir) throws IOException {
        return Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"), StandardCharsets.UTF_8).get(3).trim());
    }

    /** Logs in over 127.0.0.1 as {@code user} with {@code password} (null: none). */
    static Connection connect(Path dataDir, String user, String password) throws IOException, SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port(dataDir) + "/postgres", p);
    }

    static String password(Path dataDir, String file) throws IOException {
        return Files.readString(dataDir.resolve(file)).trim();
    }
}
