package dev.keybridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /actuator/prometheus}: the meters an operator scrapes, after real traffic. */
class MetricsTest extends IntegrationTest {

    @Test
    void doesExposeRequestProxyConnectionQueueAndPoolMetricsWhenScraped() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Api.Response created = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "metrics-1", "app", "sandbox-keys"));
        String accessToken = LinkTokens.exchange(server, created.json().get("public_token").asString());
        assertThat(server.withHeader("access_token", accessToken).get("/v1/proxy/me").status()).isEqualTo(200);
        assertThat(server.get("/api/v2/public/linked-account/metrics-1").status()).isEqualTo(200);

        Api.Response scrape = api.get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        String text = scrape.text();
        assertThat(text).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v2/public/linked-account/\\{[A-Za-z]+\\}\"");
        assertThat(text).containsPattern("keybridge_proxy_upstream_seconds_count\\{[^}]*app=\"sandbox-keys\"[^}]*status=\"200\"");
        assertThat(text).containsPattern("keybridge_connections\\{[^}]*status=\"active\"[^}]*\\} [1-9]");
        assertThat(text).containsPattern("keybridge_webhook_queue\\{[^}]*stage=\"deliveries\"");
        assertThat(text).contains("hikaricp_connections_active");
        assertThat(text).contains("keybridge_database_waiting", "keybridge_database_overloaded_total");
        assertThat(text).doesNotContain(accessToken).doesNotContain(org.test().apiKey());
    }
}
