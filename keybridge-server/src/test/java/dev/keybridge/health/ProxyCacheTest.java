package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy finds its connection in a per-node cache: this node's own changes are seen at once, another
 * node's (simulated by writing the row directly, as another node would) within the cache's lifetime (1 s).
 */
class ProxyCacheTest extends HealthIntegrationTest {

    private Api server;
    private TestOrganization org;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String linkSandboxKeys() {
        Api.Response created = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "cache-1", "app", "sandbox-keys"));
        return LinkTokens.exchange(server, created.json().get("public_token").asString());
    }

    @Test
    void doesSeeThisNodesLoginRequiredAtOnce() {
        String accessToken = linkSandboxKeys();
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);

        server.post("/sandbox/connection/reset_login", Map.of("access_token", accessToken));

        assertThat(proxy(server, accessToken, "GET", "me", null).json().get("error").asString()).isEqualTo("login_required");
    }

    @Test
    void doesSeeAnotherNodesChangesOnceTheCacheLifetimeHasPassed() {
        String accessToken = linkSandboxKeys();
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);

        jdbc.sql("update connection set status = 'login_required', status_reason = 'invalid_credentials' where org_id = ?")
                .param(org.id()).update();
        clock.advance(Duration.ofMillis(1001));

        Api.Response refused = proxy(server, accessToken, "GET", "me", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("status_reason").asString()).isEqualTo("invalid_credentials");

        jdbc.sql("update connection set status = 'disconnected' where org_id = ?").param(org.id()).update();
        clock.advance(Duration.ofMillis(1001));

        assertThat(proxy(server, accessToken, "GET", "me", null).json().get("error").asString()).isEqualTo("invalid_access_token");
    }
}
