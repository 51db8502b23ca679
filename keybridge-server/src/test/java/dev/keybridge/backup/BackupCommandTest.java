package dev.keybridge.backup;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.InProcessNode;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The command line as an operator runs it: a backup of the test server's database restored into an
 * empty data directory (embedded PostgreSQL) that a node then serves, vault included; a backup of that
 * node's embedded database while it runs, restored into an empty external database; and one after it
 * stopped (the command starts and stops PostgreSQL itself).
 */
class BackupCommandTest extends IntegrationTest {

    private static final String PATH = "/api/v2/public/linked-account";

    @Test
    void doesRestoreIntoAnEmptyDataDirectoryThatANodeThenServesWithItsVault() throws Exception {
        TestOrganization org = newOrganization();
        assertThat(org.test().withKey(api).put(PATH, account("cli-1").name("Restored Ann")
                .yourApp("app-x", Map.of("api_token", "cli-secret")).body()).status()).isIn(200, 201);
        Path work = Files.createTempDirectory("keybridge-backup-test-");
        Path archive = work.resolve("first.kbak");
        Path restoredDir = work.resolve("restored");

        Run backup = run("backup", "--out", archive.toString(), "--include-master-key",
                "--keybridge.database.url=" + databaseUrl(), "--keybridge.data-dir=" + dataDir());
        assertThat(backup.status()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("Backup written to " + archive).contains("WARNING: this archive holds the master key");

        Run restore = run("restore", "--in", archive.toString(), "--keybridge.database.url=",
                "--keybridge.data-dir=" + restoredDir);
        assertThat(restore.status()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored and verified").contains("Every sealed value decrypts")
                .contains("The archive's master key was written to " + restoredDir.resolve("master-keyset.json"));

        try (InProcessNode node = InProcessNode.start("", restoredDir, clock, Map.of())) {
            Api key = org.test().withKey(node.api());
            Api.Response got = key.get(PATH + "/cli-1");
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.json().get("name").asString()).isEqualTo("Restored Ann");
            Api.Response rotated = node.api().withHeader("authorization", "Bearer " + ADMIN_TOKEN)
                    .post("/admin/v1/vault/rotate", Map.of());
            assertThat(rotated.status()).as("every sealed value decrypts on the restored node").isEqualTo(200);
            JsonNode counts = rotated.json().get("reencrypted");
            assertThat(counts.get("linked_account.auth_credentials_ciphertext").asInt()).isPositive();

            Run refused = run("restore", "--in", archive.toString(), "--keybridge.database.url=",
                    "--keybridge.data-dir=" + restoredDir);
            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.err()).contains("stop Keybridge before restoring into its data directory");

            Path online = work.resolve("online.kbak");
            Run live = run("backup", "--out", online.toString(), "--keybridge.database.url=",
                    "--keybridge.data-dir=" + restoredDir);
            assertThat(live.status()).as(live.err()).isZero();
            assertThat(live.out()).contains("the running embedded PostgreSQL of").contains("The master key is NOT in this archive");

            String external = TestDatabase.get().createDatabase();
            Run toExternal = run("restore", "--in", online.toString(), "--keybridge.database.url=" + external,
                    "--keybridge.data-dir=" + restoredDir);
            assertThat(toExternal.status()).as(toExternal.err()).isZero();
            assertThat(toExternal.out()).contains("Restored and verified").contains("Every sealed value decrypts");
            assertThat(key.get(PATH + "/cli-1").status()).as("the running node was left alone").isEqualTo(200);
        }

        Run stopped = run("backup", "--out", work.resolve("stopped.kbak").toString(), "--keybridge.database.url=",
                "--keybridge.data-dir=" + restoredDir);
        assertThat(stopped.status()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("(started for this command)");
        assertThat(restoredDir.resolve("postgres/postmaster.pid")).as("stopped again").doesNotExist();
    }

    @Test
    void doesExplainUsageWhenTheFileIsMissing() {
        Run r = run("backup", "--include-master-key");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("backup needs --out FILE").contains("usage: keybridge backup --out FILE");
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BackupCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
