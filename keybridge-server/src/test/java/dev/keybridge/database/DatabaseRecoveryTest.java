package dev.keybridge.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.KeybridgeApplication;
import dev.keybridge.support.Api;
import dev.keybridge.support.TestOrganization;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A node whose database goes away and comes back: readiness answers 503 meanwhile, requests fail
 * at once with 503 {@code database_unavailable} in the error shape, and the node serves again by
 * itself once the database is back, with no restart. The database is a PostgreSQL of this test's own
 * (the shared server may not be stopped), stopped and started on the same port and data.
 */
class DatabaseRecoveryTest {

    private static final String ADMIN = "recovery-admin-token-0123456789abcdef";
    private static final String UPSERT = "/api/v2/public/linked-account";

    private static Path pgData;
    private static int pgPort;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext node;
    private static Api api;

    @BeforeAll
    static void start() throws IOException {
        pgData = Files.createTempDirectory("keybridge-recovery-pg-");
        postgres = startPostgres(0);
        pgPort = postgres.getPort();
        Path dataDir = Files.createTempDirectory("keybridge-recovery-");
        node = new SpringApplicationBuilder(KeybridgeApplication.class).run("--server.port=0",
                "--keybridge.database.url=jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres",
                "--keybridge.data-dir=" + dataDir, "--keybridge.admin-token=" + ADMIN,
                "--keybridge.database.pool-size=4", "--keybridge.database.connection-timeout=1s",
                "--keybridge.webhooks.enabled=false", "--keybridge.refresh.enabled=false");
        api = new Api("http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort());
    }

    @AfterAll
    static void stop() throws IOException {
        if (node != null) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void doesAnswer503AndRecoverByItselfWhenTheDatabaseStopsAndStartsAgain() throws Exception {
        TestOrganization org = TestOrganization.create(api.withHeader("authorization", "Bearer " + ADMIN), "recovery");
        Api keyed = org.test().withKey(api);
        assertThat(keyed.put(UPSERT, Map.of("linked_account_id", "before")).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

        postgres.close();

        Api.Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.text()).isEqualTo(503);
        assertThat(api.get("/actuator/health/liveness").status()).as("liveness ignores the database").isEqualTo(200);
        long started = System.nanoTime();
        Api.Response write = keyed.put(UPSERT, Map.of("linked_account_id", "during"));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertUnavailable(write);
        assertUnavailable(keyed.get(UPSERT + "/before"));
        assertUnavailable(org.test().withClient(api).get(UPSERT));
        System.out.printf("FIGURE outage-answer: 503 after %.2f s with the database down (connection timeout 1s)%n", seconds);

        postgres = startPostgres(pgPort);
        long restarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/actuator/health/readiness").status() == 200);
        System.out.printf("FIGURE recovery: ready %.1f s after the database was back (no node restart)%n",
                (System.nanoTime() - restarted) / 1e9);
        assertThat(keyed.get(UPSERT + "/before").status()).isEqualTo(200);
        assertThat(keyed.put(UPSERT, Map.of("linked_account_id", "after")).status()).isEqualTo(200);
        assertThat(keyed.get(UPSERT + "/during").status()).as("the refused write left nothing").isEqualTo(404);
    }

    @Test
    void doesReportNotReadyWhileTheNewestMigrationIsNotApplied() throws Exception {
        String latest = DatabaseReadiness.latestMigration();
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres");
             Statement s = c.createStatement()) {
            s.execute("update flyway_schema_history set success = false where version = '" + latest + "'");
            try {
                Api.Response readiness = api.get("/actuator/health/readiness");
                assertThat(readiness.status()).as(readiness.text()).isEqualTo(503);
            } finally {
                s.execute("update flyway_schema_history set success = true where version = '" + latest + "'");
            }
        }
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    private static void assertUnavailable(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(503);
        assertThat(r.header("retry-after")).isNotBlank();
        JsonNode body = r.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").asString()).isEqualTo("database_unavailable");
        assertThat(body.get("error_type").asString()).isEqualTo("internal");
        assertThat(body.get("request_id").asString()).startsWith("req_");
    }

    private static EmbeddedPostgres startPostgres(int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }
}
