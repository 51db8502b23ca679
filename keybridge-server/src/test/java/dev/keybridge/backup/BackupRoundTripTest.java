package dev.keybridge.backup;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The archive core on the test server's database: a backup taken while writers go on holds exactly a
 * snapshot (every row acknowledged before it began), restores into a new database with every count of
 * its manifest and every sealed value decrypting.
 */
class BackupRoundTripTest extends IntegrationTest {

    private static final String PATH = "/api/v2/public/linked-account";

    @Autowired
    Vault vault;

    @Autowired
    List<SealedColumn> sealedColumns;

    @Test
    void doesRestoreEveryAcknowledgedRowWhenWritersKeepWritingDuringTheBackup() throws Exception {
        TestOrganization org = newOrganization();
        Api key = org.test().withKey(api);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> begunAfterBackup = new ConcurrentLinkedQueue<>();
        AtomicBoolean backupDone = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String id = "w" + writer + "-" + i;
                    boolean afterBackup = backupDone.get();
                    int status = key.put(PATH, account(id).name("N " + id)
                            .yourApp("app-x", Map.of("api_token", "secret-" + id)).body()).status();
                    if (status == 200 || status == 201) {
                        acknowledged.add(id);
                        if (afterBackup) {
                            begunAfterBackup.add(id);
                        }
                    }
                }
            }));
        }
        byte[] archive;
        Set<String> before;
        Manifest manifest;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 30);
            before = new HashSet<>(acknowledged);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Connection source = Archives.connect(databaseUrl())) {
                manifest = BackupWriter.write(source, out, new BackupWriter.Options(clock, "test", null));
            }
            backupDone.set(true);
            archive = out.toByteArray();
            await().atMost(Duration.ofSeconds(60)).until(() -> begunAfterBackup.size() >= 10);
        } finally {
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
        }
        assertThat(manifest.masterKeyIncluded()).isFalse();
        assertThat(manifest.table("linked_account")).isNotNull();
        assertThat(manifest.table("flyway_schema_history")).isNotNull();
        assertThat(manifest.table("database_heartbeat")).as("excluded, with its reason").isNull();
        assertThat(manifest.excludedTables()).extracting(Manifest.Excluded::name).containsExactly("database_heartbeat");

        try (Connection target = Archives.connect(TestDatabase.get().createDatabase())) {
            BackupRestorer.Restored restored = BackupRestorer.restore(new ByteArrayInputStream(archive), target);
            assertThat(restored.masterKeyset()).isEmpty();
            BackupVerifier.Verification v = BackupVerifier.verify(restored.manifest(), target, vault, sealedColumns);
            assertThat(v.sealedChecked()).isTrue();
            assertThat(v.sealedValues()).isGreaterThanOrEqualTo(before.size());
            assertThat(v.tables()).isEqualTo(manifest.tables().size());

            Set<String> restoredIds = ids(target, org.id());
            assertThat(restoredIds).containsAll(before);
            assertThat(restoredIds).as("a snapshot: no row written after the backup").doesNotContainAnyElementsOf(begunAfterBackup);
            assertThat((long) restoredIds.size()).isLessThanOrEqualTo(manifest.table("linked_account").rows());
            for (Manifest.Sequence q : manifest.sequences()) {
                assertThat(sequence(target, q.name())).as(q.name()).isEqualTo(q.lastValue());
            }
        }
    }

    private static Set<String> ids(Connection c, String orgId) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("select external_id from linked_account where org_id = ?")) {
            s.setString(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static long sequence(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select last_value from " + SchemaTables.quote(name));
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
