package dev.keybridge.backup;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.vault.MasterKey;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What an archive refuses and what it never holds: corrupt entries, a database with data, the master key. */
class BackupChecksTest extends IntegrationTest {

    @Autowired
    Vault vault;

    @Autowired
    List<SealedColumn> sealedColumns;

    @Test
    void doesFailVerificationNamingTheEntryWhenAnArchiveEntryIsCorrupted() {
        byte[] archive = archive(null);
        byte[] corrupt = Archives.withEntryChanged(archive, "tables/organization.copy", bytes -> {
            byte[] changed = bytes.clone();
            changed[0] = (byte) (changed[0] == 'x' ? 'y' : 'x');
            return changed;
        });
        String target = TestDatabase.get().createDatabase();
        try (Connection c = Archives.connect(target)) {
            assertThatThrownBy(() -> BackupRestorer.restore(new ByteArrayInputStream(corrupt), c))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("Archive entry tables/organization.copy is corrupt: SHA-256");
            assertThat(SchemaTables.schemaVersion(c)).as("nothing was migrated or loaded").isNull();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void doesRefuseToRestoreWhenTheTargetDatabaseHoldsData() throws Exception {
        byte[] archive = archive(null);
        try (Connection c = Archives.connect(databaseUrl())) {
            long before = count(c);
            assertThatThrownBy(() -> BackupRestorer.restore(new ByteArrayInputStream(archive), c))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("The target database is not empty: table")
                    .hasMessageContaining("Restore only into an empty database");
            assertThat(count(c)).isEqualTo(before);
        }
    }

    @Test
    void doesLeaveTheMasterKeyOutUnlessAskedAndFindsItWhenAsked() {
        String keyset = MasterKey.toJson(vault.keyset());
        Matcher m = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(keyset);
        assertThat(m.find()).isTrue();
        byte[] keyMaterial = m.group(1).getBytes(StandardCharsets.UTF_8);

        byte[] without = archive(null);
        assertThat(Archives.contains(without, keyMaterial)).isFalse();
        assertThat(Archives.entries(without)).doesNotContainKey(Manifest.MASTER_KEY_ENTRY)
                .allSatisfy((name, bytes) -> assertThat(Archives.contains(bytes, keyMaterial)).as(name).isFalse());

        byte[] with = archive(keyset);
        assertThat(Archives.contains(with, keyMaterial)).as("the search finds the key when it is there").isTrue();
        try (Connection c = Archives.connect(TestDatabase.get().createDatabase())) {
            BackupRestorer.Restored restored = BackupRestorer.restore(new ByteArrayInputStream(with), c);
            assertThat(restored.manifest().masterKeyIncluded()).isTrue();
            assertThat(restored.masterKeyset()).contains(keyset);
            Vault fromArchive = new Vault(MasterKey.fromJson(restored.masterKeyset().orElseThrow()));
            assertThat(BackupVerifier.verify(restored.manifest(), c, fromArchive, sealedColumns).sealedValues()).isPositive();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void doesFailVerificationWhenSealedValuesDoNotDecryptWithTheGivenKey() throws Exception {
        byte[] archive = archive(null);
        try (Connection c = Archives.connect(TestDatabase.get().createDatabase())) {
            Manifest manifest = BackupRestorer.restore(new ByteArrayInputStream(archive), c).manifest();
            Vault other = new Vault(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
            assertThatThrownBy(() -> BackupVerifier.verify(manifest, c, other, sealedColumns))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("do not decrypt with this master key");
            assertThat(BackupVerifier.verify(manifest, c, null, sealedColumns).sealedChecked()).isFalse();
        }
    }

    @Test
    void doesReadTheSameSealedColumnsAsTheServerWithoutSpring() {
        assertThat(SealedColumns.declared()).extracting(col -> col.table() + "." + col.column())
                .containsExactlyInAnyOrderElementsOf(sealedColumns.stream().map(col -> col.table() + "." + col.column()).toList())
                .hasSizeGreaterThanOrEqualTo(9);
    }

    /** An archive of the test database with at least one sealed credential in it. */
    private byte[] archive(String keyset) {
        TestOrganization org = newOrganization();
        org.test().withKey(api).put("/api/v2/public/linked-account",
                account("sealed-1").yourApp("app-x", Map.of("api_token", "very-secret")).body());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupWriter.Options options = new BackupWriter.Options(clock, "test", null);
        try (Connection c = Archives.connect(databaseUrl())) {
            BackupWriter.write(c, out, keyset == null ? options : options.withMasterKey(keyset));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static long count(Connection c) throws java.sql.SQLException {
        try (var s = c.prepareStatement("select count(*) from organization"); var rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
