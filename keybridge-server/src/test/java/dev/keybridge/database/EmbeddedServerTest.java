package dev.keybridge.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server on its own: a data directory made by an older Keybridge (trusting every local
 * connection, tables owned by the superuser) is converted to passwords and the application role on
 * its first start, with its data; a PostgreSQL that dies is brought back on the same port.
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
            assertThat(Files.readString(server.pgData().resolve("pg_hba.conf"))).doesNotContain("trust");
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
            ProcessHandle postmaster = server.postmaster().orElseThrow();
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            postmaster.onExit().get();
            assertThat(server.isAlive()).isFalse();

            server.restart();

            assertThat(server.isAlive()).isTrue();
            assertThat(server.jdbcUrl()).isEqualTo(url);
            try (Connection app = login(server, server.appUser(), server.appPassword()); Statement s = app.createStatement()) {
                assertThat(single(s, "select v from t")).isEqualTo("committed");
            }
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
