package dev.keybridge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.dashboard.FormBrowser;
import dev.keybridge.database.EmbeddedBinaries;
import dev.keybridge.database.EmbeddedServer;
import dev.keybridge.support.Api;
import dev.keybridge.support.FileFingerprints;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The in-place upgrade through the real launcher (issue 23): a data directory made and filled by the
 * previous releases' PostgreSQL 14 through the API (accounts, connections with sealed credentials, a
 * config, a webhook endpoint with deliveries, the bootstrap operator) is upgraded by {@code ./keybridge
 * serve} to PostgreSQL 18 and served, the old directory kept byte for byte as a dated backup; a forced
 * failure (the master key missing, so the sealed values cannot be verified) starts nothing and leaves
 * the old directory exactly as it was.
 */
class UpgradeFromPreviousReleaseIT {

    private static final Duration START = Duration.ofMinutes(6);
    private static final Map<String, String> PREVIOUS_RELEASE =
            Map.of("KEYBRIDGE_JAVA_OPTS", "-Dkeybridge.tests.previous-postgres=true");
    private static final List<String> KEPT_TABLES = List.of("organization", "environment_credential", "linked_account",
            "connection", "config_schema", "user_config", "webhook_endpoint", "webhook_delivery", "operator");

    @TempDir
    Path dataDir;

    @Test
    void doesUpgradeAndServeThePreviousReleasesDataWhenStartedByTheLauncher() throws Exception {
        Map<String, String> tokens = fillAsThePreviousRelease();
        Map<String, Long> before = countsOnPostgres14();
        Map<String, String> oldFiles = FileFingerprints.of(dataDir.resolve("postgres"));

        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            Api keyed = new Api(server.awaitListening(START)).withHeader("x-api-key", apiKey());
            assertThat(server.output()).contains("Upgraded the embedded PostgreSQL from 14 to 18");
            assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("18");
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                Api.Response proxied = keyed.withHeader("access_token", token.getValue()).get("/v1/proxy/me");
                assertThat(proxied.status()).as("%s's sealed credential after the upgrade: %s", token.getKey(), proxied.text())
                        .isEqualTo(200);
            }
            assertThat(keyed.get("/api/v2/public/linked-account/upgrade-1").json().get("name").asString()).isEqualTo("Ada");
            Api.Response config = keyed.withHeader("linked_account_id", "upgrade-1").get("/api/v2/public/slug/sandbox-keys/config");
            assertThat(config.status()).as(config.text()).isEqualTo(200);
            assertThat(keyed.get("/api/v2/public/webhook?limit=10").text()).contains("http://127.0.0.1:9/hooks");
            try (Connection c = appConnection(); Statement s = c.createStatement()) {
                for (String table : KEPT_TABLES) {
                    assertThat(count(s, table)).as(table).isEqualTo(before.get(table));
                }
            }
            assertThat(server.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            Path backup = files.filter(p -> p.getFileName().toString().startsWith("postgres-14-backup-")).findFirst().orElseThrow();
            assertThat(FileFingerprints.of(backup)).as("the old directory is kept as it was").isEqualTo(oldFiles);
        }
        assertThat(dataDir.resolve("postgres-upgrade")).doesNotExist();
    }

    @Test
    void doesStartNothingAndChangeNothingWhenTheUpgradeCannotBeVerified() throws Exception {
        fillAsThePreviousRelease();
        Path key = dataDir.resolve("master-keyset.json");
        Path aside = Files.move(key, dataDir.getParent().resolve("aside-" + dataDir.getFileName() + ".json"));
        Map<String, String> oldFiles = FileFingerprints.of(dataDir.resolve("postgres"));

        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            assertThat(server.awaitExit(START)).isNotZero();
            assertThat(server.output()).contains("there is no master key to verify them")
                    .contains("Nothing in " + dataDir.resolve("postgres") + " was changed")
                    .doesNotContain("Keybridge listening");
        } finally {
            Files.move(aside, key);
        }
        assertThat(FileFingerprints.of(dataDir.resolve("postgres"))).isEqualTo(oldFiles);
        assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("14");
        assertThat(dataDir.resolve("postgres-upgrade")).doesNotExist();
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("backup"));
        }
    }

    /** Runs the server on PostgreSQL 14, as the previous releases did, and fills it; returns the access tokens. */
    private Map<String, String> fillAsThePreviousRelease() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        try (ServerProcess old = ServerProcess.start(dataDir, PREVIOUS_RELEASE)) {
            Api keyed = new Api(old.awaitListening(START)).withHeader("x-api-key", apiKey());
            assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("14");
            assertThat(keyed.put("/api/v2/public/linked-account", Map.of("linked_account_id", "upgrade-1", "name", "Ada"))
                    .status()).isEqualTo(200);
            assertThat(keyed.post("/api/v2/public/webhook", Map.of("webhook_url", "http://127.0.0.1:9/hooks",
                    "webhook_events", List.of())).status()).isEqualTo(201);
            for (String app : List.of("sandbox-keys", "sandbox-oauth")) {
                Api.Response created = keyed.post("/sandbox/public_token/create", Map.of("linked_account_id", "upgrade-1", "app", app));
                assertThat(created.status()).as(created.text()).isEqualTo(200);
                Api.Response exchanged = keyed.post("/link/token/exchange",
                        Map.of("public_token", created.json().get("public_token").asString()));
                assertThat(exchanged.status()).as(exchanged.text()).isEqualTo(200);
                tokens.put(app, exchanged.json().get("token").asString());
            }
            assertThat(keyed.put("/api/v2/public/config-schema/sandbox-keys", Map.of("fields", List.of(
                    Map.of("id", "limit", "name", "Daily limit", "type", "number")))).status()).isEqualTo(200);
            Api.Response config = keyed.withHeader("linked_account_id", "upgrade-1").post("/api/v2/public/config",
                    Map.of("linked_account_id", "upgrade-1", "slug", "sandbox-keys"));
            assertThat(config.status()).as(config.text()).isIn(200, 201);
            JsonNode deliveries = keyed.get("/api/v2/public/webhook?limit=10").json();
            assertThat(deliveries.toString()).contains("127.0.0.1:9");
            signUpTheFirstOwner(keyed.base());
            assertThat(old.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }
        return tokens;
    }

    /** The dashboard's first owner, through the one-time link the node wrote beside its credentials. */
    private void signUpTheFirstOwner(String base) throws Exception {
        JsonNode file = Api.JSON.readTree(Files.readString(dataDir.resolve("bootstrap-credentials.json")));
        String token = file.get("dashboard_setup_url").asString().replaceFirst(".*[?&]token=", "");
        HttpResponse<String> r = new FormBrowser(URI.create(base).getPort()).submit("/dashboard/setup?token=" + token,
                "/dashboard/setup", Map.of("token", token, "email", "owner@example.com", "password", "correct horse battery staple"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    }

    /** Row counts of the kept tables, read with PostgreSQL 14 from the stopped previous release's directory. */
    private Map<String, Long> countsOnPostgres14() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (EmbeddedServer old = EmbeddedServer.start(dataDir, EmbeddedBinaries.PREVIOUS_MAJOR);
             Connection c = DriverManager.getConnection(old.jdbcUrl(), old.appUser(), old.appPassword());
             Statement s = c.createStatement()) {
            for (String table : KEPT_TABLES) {
                counts.put(table, count(s, table));
            }
        }
        assertThat(counts.get("connection")).isEqualTo(2);
        assertThat(counts.get("webhook_delivery")).as("the account's events were delivered (or tried)").isPositive();
        assertThat(counts.get("operator")).isPositive();
        return counts;
    }

    private Connection appConnection() throws Exception {
        return EmbeddedPostgresProcesses.connect(dataDir, "keybridge", EmbeddedPostgresProcesses.password(dataDir, "database-password"));
    }

    private static long count(Statement s, String table) throws Exception {
        try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private String apiKey() throws Exception {
        JsonNode file = Api.JSON.readTree(Files.readString(dataDir.resolve("bootstrap-credentials.json")));
        return file.at("/test/api_key").asString();
    }
}
