package dev.keybridge.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.support.FileFingerprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory side of the in-place upgrade from PostgreSQL 14 to 18: the old directory is never
 * written to, a failed transfer leaves it byte for byte as it was, a verified one is put in place with
 * the old kept as a dated backup, and a crash between the two renames is finished at the next start.
 * (The data side, archive and verification, is tested with the real transfer in the backup package.)
 */
class EmbeddedUpgradeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void doesLeaveTheOldDirectoryExactlyAsItWasWhenTheTransferFails() throws Exception {
        makePreviousRelease();
        Map<String, String> before = FileFingerprints.of(dataDir.resolve("postgres"));

        EmbeddedUpgrade upgrade = new EmbeddedUpgrade(dataDir, CLOCK);
        assertThat(upgrade.isNeeded()).isTrue();
        assertThatThrownBy(() -> upgrade.runIfNeeded((from, to, work) -> {
            throw new IllegalStateException("row counts differ in linked_account");
        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row counts differ in linked_account")
                .hasMessageContaining("Nothing in " + dataDir.resolve("postgres") + " was changed");

        assertThat(FileFingerprints.of(dataDir.resolve("postgres"))).isEqualTo(before);
        assertThat(dataDir.resolve(EmbeddedUpgrade.WORK)).doesNotExist();
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("backup"));
        }
    }

    @Test
    void doesPutTheNewDirectoryInPlaceAndKeepTheOldWhenTheTransferSucceeds() throws Exception {
        makePreviousRelease();
        Map<String, String> before = FileFingerprints.of(dataDir.resolve("postgres"));

        Path backup = new EmbeddedUpgrade(dataDir, CLOCK).runIfNeeded(EmbeddedUpgradeTest::copyKeptTable);

        assertThat(backup).isEqualTo(dataDir.resolve("postgres-14-backup-20261207-101530"));
        assertThat(FileFingerprints.of(backup)).isEqualTo(before);
        assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("18");
        assertThat(new EmbeddedUpgrade(dataDir, CLOCK).isNeeded()).isFalse();
        try (EmbeddedServer server = EmbeddedServer.start(dataDir);
             Connection c = DriverManager.getConnection(server.jdbcUrl(), server.appUser(), server.appPassword());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("select v from kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("made by 14");
        }
    }

    @Test
    void doesFinishTheRenamesWhenTheNodeStoppedBetweenThem() throws Exception {
        Path work = dataDir.resolve(EmbeddedUpgrade.WORK);
        try (EmbeddedServer fresh = EmbeddedServer.start(work.resolve("new"))) {
            assertThat(fresh.isAlive()).isTrue();
        }
        Files.writeString(work.resolve(EmbeddedUpgrade.VERIFIED), "verified\n");
        Files.createDirectories(dataDir.resolve("postgres-14-backup-20261207-101500"));   // the first rename was done

        EmbeddedUpgrade upgrade = new EmbeddedUpgrade(dataDir, CLOCK);
        assertThat(upgrade.isNeeded()).isTrue();
        upgrade.runIfNeeded((from, to, dir) -> {
            throw new AssertionError("a verified upgrade is not transferred again");
        });

        assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("18");
        assertThat(work).doesNotExist();
    }

    @Test
    void doesNothingWhenTheDataDirectoryIsNewOrCurrent() throws Exception {
        EmbeddedUpgrade upgrade = new EmbeddedUpgrade(dataDir, CLOCK);
        assertThat(upgrade.isNeeded()).isFalse();
        assertThat(upgrade.runIfNeeded((from, to, work) -> {
            throw new AssertionError("nothing to transfer");
        })).isNull();
    }

    /** A data directory as the previous release left it: PostgreSQL 14, passwords, a table with a row. */
    private void makePreviousRelease() throws IOException, SQLException {
        try (EmbeddedServer old = EmbeddedServer.start(dataDir, EmbeddedBinaries.PREVIOUS_MAJOR);
             Connection c = DriverManager.getConnection(old.jdbcUrl(), old.appUser(), old.appPassword());
             Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('made by 14')");
        }
    }

    private static void copyKeptTable(Connection from, Connection to, Path work) throws SQLException {
        assertThat(from.getMetaData().getDatabaseMajorVersion()).isEqualTo(14);
        assertThat(to.getMetaData().getDatabaseMajorVersion()).isEqualTo(18);
        try (Statement read = from.createStatement(); ResultSet r = read.executeQuery("select v from kept");
             Statement write = to.createStatement()) {
            write.execute("create table kept (v text)");
            while (r.next()) {
                write.execute("insert into kept values ('" + r.getString(1).replace("'", "''") + "')");
            }
        }
    }
}
