package dev.keybridge.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.web.Ids;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Overload is not an outage, and an outage of writes is not readiness: a node whose every database
 * connection is busy answers {@code 503 overloaded} (with Retry-After) and stays ready; a database that
 * answers reads but refuses writes (a full disk, here a trigger failing with SQL state 53100
 * {@code disk_full}) takes readiness down while reads go on, and readiness comes back when writes do.
 */
class DatabaseOverloadTest extends IntegrationTest {

    @Test
    void doesAnswer503OverloadedAndStayReadyWhenEveryConnectionIsBusy() throws Exception {
        TestOrganization org = newOrganization();
        try (ConfigurableApplicationContext node = startSecondNode(2, "--keybridge.database.queue-wait=300ms",
                "--keybridge.webhooks.enabled=false", "--keybridge.refresh.enabled=false", "--keybridge.checks.enabled=false")) {
            Api onNode = new Api("http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort());
            List<Connection> held = new ArrayList<>();
            try {
                DataSource pool = node.getBean(DataSource.class);
                held.add(pool.getConnection());
                held.add(pool.getConnection());

                Api.Response busy = org.test().withKey(onNode).get("/api/v2/public/linked-account");
                Api.Response readiness = onNode.get("/actuator/health/readiness");

                assertThat(busy.status()).as(busy.text()).isEqualTo(503);
                JsonNode body = busy.json();
                assertThat(body.get("success").asBoolean()).isFalse();
                assertThat(body.get("error").asString()).isEqualTo("overloaded");
                assertThat(body.get("error_type").asString()).isEqualTo("internal");
                assertThat(body.get("request_id").asString()).startsWith("req_");
                assertThat(busy.header("retry-after")).isEqualTo("1");
                assertThat(busy.header("x-keybridge-error")).isEqualTo("overloaded");
                assertThat(readiness.status()).as("a busy node stays in rotation: " + readiness.text()).isEqualTo(200);
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
            assertThat(org.test().withKey(onNode).get("/api/v2/public/linked-account").status()).isEqualTo(200);
        }
    }

    @Test
    void doesAnswer503OverloadedToAWrongCredentialWhenTheFailureCannotBeCountedForBusyConnections() throws Exception {
        try (ConfigurableApplicationContext node = startSecondNode(2, "--keybridge.database.queue-wait=300ms",
                "--keybridge.webhooks.enabled=false", "--keybridge.refresh.enabled=false", "--keybridge.checks.enabled=false")) {
            Api onNode = new Api("http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort());
            List<Connection> held = new ArrayList<>();
            Api.Response wrong;
            try {
                DataSource pool = node.getBean(DataSource.class);
                held.add(pool.getConnection());
                held.add(pool.getConnection());

                // a wrong admin token is checked without the database: only its failure count needs a connection
                wrong = onNode.withHeader("authorization", "Bearer wrong-" + Ids.random(40)).get("/admin/v1/organizations");
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }

            assertThat(wrong.status()).as("a limiter that cannot count must not let the guess through: " + wrong.text())
                    .isEqualTo(503);
            assertThat(wrong.json().get("error").asString()).isEqualTo("overloaded");
            assertThat(wrong.header("retry-after")).isEqualTo("1");
            assertThat(onNode.withHeader("authorization", "Bearer wrong-" + Ids.random(40)).get("/admin/v1/organizations")
                    .status()).as("counted again once a connection is free").isEqualTo(401);
        }
    }

    @Test
    void doesReportNotReadyButKeepServingReadsWhenTheDatabaseRefusesWrites() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        assertThat(server.put("/api/v2/public/linked-account", Map.of("linked_account_id", "reads-go-on")).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        try {
            jdbc.sql("""
                    create or replace function test_refuse_writes() returns trigger language plpgsql as $$
                    begin raise exception 'could not extend file: No space left on device' using errcode = '53100'; end $$""")
                    .update();
            jdbc.sql("create trigger test_refuse_writes before update on database_heartbeat "
                    + "for each row execute function test_refuse_writes()").update();
            clock.advance(DatabaseReadiness.WRITE_PROBE_EVERY);

            Api.Response readiness = api.get("/actuator/health/readiness");

            assertThat(readiness.status()).as(readiness.text()).isEqualTo(503);
            assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(server.get("/api/v2/public/linked-account/reads-go-on").status()).isEqualTo(200);

            jdbc.sql("drop trigger test_refuse_writes on database_heartbeat").update();
            assertThat(api.get("/actuator/health/readiness").status()).as("the last probe is kept a few seconds").isEqualTo(503);
            clock.advance(DatabaseReadiness.WRITE_PROBE_EVERY);
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        } finally {
            jdbc.sql("drop trigger if exists test_refuse_writes on database_heartbeat").update();
            jdbc.sql("drop function if exists test_refuse_writes()").update();
            clock.reset();
        }
    }
}
