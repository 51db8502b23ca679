package dev.keybridge.egress;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.NodeProcess;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Link's key verification end to end on a real node: an operator app whose API is on loopback is
 * verified for the test environment, and in production the verification never connects (the issue's
 * finding: it used to reach loopback and private addresses).
 */
class ProductionEgressTest extends IntegrationTest {

    @Test
    void doesNotReachLoopbackWhenProductionLinkVerifiesAKey() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", x -> {
            hits.incrementAndGet();
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        upstream.start();
        Path catalog = Files.createTempFile("catalog-", ".yaml");
        Files.writeString(catalog, """
                apps:
                  - slug: loopback-keys
                    name: Loopback Keys
                    description: a key-based app whose API is on this machine
                    auth_type: keybased
                    auth_input_map:
                      - {name: api_key, type: password, required: true}
                    api_base_url: "http://127.0.0.1:%d/api"
                    inject: {headers: {x-key: "{api_key}"}}
                    verification: {method: GET, path: /me, success_status: [200]}
                    auth_failure: {status_codes: [401]}
                """.formatted(upstream.getAddress().getPort()));
        try (NodeProcess node = NodeProcess.start("egress-production", TestDatabase.get().createDatabase(),
                Files.createTempDirectory("keybridge-egress-"), Map.of("keybridge.catalog-file", catalog.toString()))) {
            TestOrganization org = node.newOrganization();

            LinkDriver.Page test = link(node, org.test().withKey(node.api()));
            assertThat(test.publicToken()).as(test.html()).isNotNull();
            assertThat(hits.get()).isEqualTo(1);

            LinkDriver.Page production = link(node, org.production().withKey(node.api()));
            assertThat(production.publicToken()).isNull();
            assertThat(hits.get()).as("connections to loopback made for production").isEqualTo(1);
        } finally {
            upstream.stop(0);
        }
    }

    private static LinkDriver.Page link(NodeProcess node, Api server) {
        Api.Response enabled = server.put("/api/v2/public/application/loopback-keys/settings", Map.of("enabled", true));
        assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
        LinkDriver browser = new LinkDriver(node.api().base());
        browser.open(LinkTokens.forUser("egress-1").app("loopback-keys").create(server));
        return browser.submit(Map.of("api_key", "any-key-123"));
    }
}
