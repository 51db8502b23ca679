package dev.keybridge.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which PostgreSQL the embedded default runs (issue 23): a fresh data directory is made and run by
 * PostgreSQL 18; one made by the previous releases' PostgreSQL 14 (bundled for the upgrade) is never
 * started by the new binaries, and an external PostgreSQL older than 15 is refused before any
 * migration.
 */
class EmbeddedMajorTest {

    @TempDir
    Path dataDir;

    @Test
    void doesRunPostgres18WhenTheDataDirectoryIsNew() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(dataDir);
             Connection c = login(server); Statement s = c.createStatement()) {
            assertThat(single(s, "show server_version_num")).startsWith("18");
            assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("18");
            assertThat(single(s, "show data_checksums")).isEqualTo("on");
        }
    }

    @Test
    void doesRefuseTheNewBinariesWhenTheDataDirectoryWasMadeByPostgres14() throws Exception {
        try (EmbeddedServer old = EmbeddedServer.start(dataDir, EmbeddedBinaries.PREVIOUS_MAJOR);
             Connection c = login(old); Statement s = c.createStatement()) {
            assertThat(single(s, "show server_version_num")).startsWith("14");
            s.execute("create table kept (v text)");
        }

        assertThatThrownBy(() -> EmbeddedServer.start(dataDir))
                .isInstanceOf(EmbeddedVersionMismatch.class)
                .hasMessageContaining("PostgreSQL 14").hasMessageContaining("PostgreSQL 18")
                .hasMessageContaining("./keybridge serve");
        assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("14");
    }

    @Test
    void doesRefuseToDowngradeWhenTheDataDirectoryIsNewer() throws Exception {
        try (EmbeddedServer current = EmbeddedServer.start(dataDir)) {
            assertThat(current.isAlive()).isTrue();
        }

        assertThatThrownBy(() -> EmbeddedServer.start(dataDir, EmbeddedBinaries.PREVIOUS_MAJOR))
                .isInstanceOf(EmbeddedVersionMismatch.class).hasMessageContaining("never downgraded");
    }

    @Test
    void doesRefuseAnExternalPostgresWhenItIsOlderThan15() throws Exception {
        try (EmbeddedServer old = EmbeddedServer.start(dataDir, EmbeddedBinaries.PREVIOUS_MAJOR);
             HikariDataSource ds = dataSource(old)) {
            assertThatThrownBy(() -> SupportedPostgres.check(ds))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PostgreSQL 14 is not supported")
                    .hasMessageContaining("PostgreSQL 15 to 18")
                    .hasMessageContaining("KEYBRIDGE_DATABASE_URL");
        }
    }

    @Test
    void doesAcceptAnExternalPostgresWhenItIsSupported() throws Exception {
        try (EmbeddedServer current = EmbeddedServer.start(dataDir); HikariDataSource ds = dataSource(current)) {
            SupportedPostgres.check(ds);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                assertThat(single(s, "select 1")).isEqualTo("1");
            }
        }
    }

    private static HikariDataSource dataSource(EmbeddedServer server) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(server.jdbcUrl());
        ds.setUsername(server.appUser());
        ds.setPassword(server.appPassword());
        ds.setMaximumPoolSize(1);
        return ds;
    }

    private static Connection login(EmbeddedServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.appUser(), server.appPassword());
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
