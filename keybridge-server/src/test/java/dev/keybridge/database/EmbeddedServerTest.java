package dev.keybridge.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The embedded server on its own: a data directory made by an older Keybridge (trusting every local
 * connection, tables owned by the superuser) is converted to passwords and the application role on
 * its first start, with its data; a PostgreSQL that dies is brought back on the same port (also
 * after a failed attempt), and when it cannot be, the node exits with status 3 for its supervisor.
 */
class EmbeddedServerTest {

    @TempDir
    Path dataDir;

    @Test
    void doesConvertATrustingDataDirectoryWhenAnOlderKeybridgeMadeIt() throws Exception {
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table linked_account (id text primary key, seq bigint generated always as identity)");
            s.execute("insert into linked_account (id) values ('kept')");
        }
        try (EmbeddedServer server = EmbeddedServer.start(dataDir)) {
            try (Connection app = login(server, server.appUser(), server.appPassword()); Statement s = app.createStatement()) {
                assertThat(single(s, "select id from linked_account")).isEqualTo("kept");
                s.execute("insert into linked_account (id) values ('new')");
                assertThat(single(s, "select tableowner from pg_tables where tablename = 'linked_account'")).isEqualTo("keybridge");
                assertThat(single(s, "show fsync")).isEqualTo("on");
                assertThatThrownBy(() -> single(s, "select pg_read_file('PG_VERSION')")).isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> login(server, "postgres", null).close()).as("trust is gone").isInstanceOf(SQLException.class);
            assertThat(Files.readString(pgData().resolve("pg_hba.conf"))).doesNotContain("trust");
        }
    }

    @Test
    void doesStartAgainOnTheSamePortWhenPostgresDies() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(dataDir)) {
            String url = server.jdbcUrl();
            try (Connection app = login(server, server.appUser(), server.appPassword()); Statement s = app.createStatement()) {
                s.execute("create table t (v text)");
                s.execute("insert into t values ('committed')");
            }
            kill(server);
            assertThat(server.isAlive()).isFalse();

            server.restart();

            assertThat(server.isAlive()).isTrue();
            assertThat(server.jdbcUrl()).isEqualTo(url);
            try (Connection app = login(server, server.appUser(), server.appPassword()); Statement s = app.createStatement()) {
                assertThat(single(s, "select v from t")).isEqualTo("committed");
            }
        }
    }

    @Test
    void doesExitWithStatus3ForASupervisorWhenPostgresCannotBeStartedAgain() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(dataDir, Duration.ofSeconds(5))) {
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            EmbeddedWatchdog watchdog = new EmbeddedWatchdog(server, Duration.ofMillis(100), 2, exit::complete);
            Path global = pgData().resolve("global");
            Path hidden = pgData().resolve("global.hidden");
            Files.move(global, hidden);
            try {
                watchdog.start();
                kill(server);
                assertThat(exit.get(120, TimeUnit.SECONDS)).isEqualTo(EmbeddedWatchdog.EXIT_DATABASE_LOST);
            } finally {
                watchdog.stop();
                Files.move(hidden, global);
            }
        }
    }

    @Test
    void doesStartPostgresAgainWhenAnEarlierRestartAttemptFailed() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(dataDir, Duration.ofSeconds(3))) {
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            EmbeddedWatchdog watchdog = new EmbeddedWatchdog(server, Duration.ofMillis(100), 6, exit::complete);
            Path global = pgData().resolve("global");
            Path hidden = pgData().resolve("global.hidden");
            Files.move(global, hidden);
            ListAppender<ILoggingEvent> log = watchdogLog();
            watchdog.start();
            try {
                kill(server);
                await().atMost(Duration.ofSeconds(60)).until(() -> messages(log).stream()
                        .anyMatch(m -> m.startsWith("Restarting embedded PostgreSQL failed (attempt 1 of 6)")));
                Files.move(hidden, global);
                await().atMost(Duration.ofSeconds(90)).until(server::isAlive);
                assertThat(exit).isNotDone();
            } finally {
                watchdog.stop();
                watchdogLogger().detachAppender(log);
            }
        }
    }

    /** The embedded server keeps its PostgreSQL data in {@code <data dir>/postgres}. */
    private Path pgData() {
        return dataDir.resolve("postgres");
    }

    private void kill(EmbeddedServer server) throws Exception {
        assertThat(server.isAlive()).isTrue();
        ProcessHandle postmaster = StalePostmaster.find(pgData()).orElseThrow();
        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        postmaster.onExit().get(30, TimeUnit.SECONDS);
    }

    private static Logger watchdogLogger() {
        return (Logger) LoggerFactory.getLogger(EmbeddedWatchdog.class);
    }

    /** Records what the watchdog logs (its only outward sign of a failed restart attempt). */
    private static ListAppender<ILoggingEvent> watchdogLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        watchdogLogger().addAppender(appender);
        return appender;
    }

    private static List<String> messages(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {     // the appender adds under its own lock
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static Connection login(EmbeddedServer server, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(server.jdbcUrl(), p);
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
