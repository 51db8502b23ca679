package dev.keybridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every metric the alert rules and the Grafana dashboard query is one a running server exports. */
class AlertMetricsTest extends IntegrationTest {

    /** Prometheus's own series, not the server's. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    /**
     * Meters with a tag per outcome are made at the first event of that outcome: for these the test finds the
     * meter's name in the main code instead (a refresh and a webhook attempt are not made here).
     */
    private static final Map<String, String> ON_FIRST_EVENT = Map.of(
            "keybridge_refresh_total", "\"keybridge.refresh\"",
            "keybridge_webhook_delivery_seconds_count", "\"keybridge.webhook.delivery\"");

    @Test
    void queriesOnlyMetricsTheServerExports() throws IOException {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Api.Response created = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "alerts-1", "app", "sandbox-keys"));
        String accessToken = LinkTokens.exchange(server, created.json().get("public_token").asString());
        assertThat(server.withHeader("access_token", accessToken).get("/v1/proxy/me").status()).isEqualTo(200);

        Set<String> exported = api.get("/actuator/prometheus").text().lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> queried = new TreeSet<>(DeployFiles.metricNames(DeployFiles.ruleExpressions()));
        queried.addAll(DeployFiles.metricNames(DeployFiles.dashboardExpressions()));

        String mainCode = mainCode();
        for (String name : queried) {
            if (PROMETHEUS_OWN.contains(name)) {
                continue;
            }
            if (ON_FIRST_EVENT.containsKey(name) && !exported.contains(name)) {
                assertThat(mainCode).as(name + " declared in the main code").contains(ON_FIRST_EVENT.get(name));
                continue;
            }
            assertThat(exported).as("queried by deploy/: " + name).contains(name);
        }
        assertThat(queried).contains("keybridge_connections", "keybridge_webhook_queue",
                "hikaricp_connections_pending", "keybridge_database_overloaded_total",
                "keybridge_proxy_upstream_seconds_count");
    }

    private static String mainCode() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            return files.filter(p -> p.toString().endsWith(".java")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
