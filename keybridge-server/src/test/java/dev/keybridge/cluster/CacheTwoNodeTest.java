package dev.keybridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The hot path's per-node caches (live API keys and client pairs, the proxy's connections) on two
 * nodes sharing one database and one test clock: a change made through node A is seen by node A at
 * once and by node B once the cache lifetime ({@code KEYBRIDGE_CACHE_TTL}, 1 s) has passed, with no
 * sleep. Each case first warms node B's cache, so the change must get past a cached entry.
 */
class CacheTwoNodeTest extends IntegrationTest {

    private static final Duration PAST_TTL = Duration.ofMillis(1001);

    private static ConfigurableApplicationContext secondNode;

    @Autowired
    private Connections connections;

    private TestOrganization org;

    @BeforeEach
    void setUp() {
        if (secondNode == null) {
            secondNode = startSecondNode(clock, 5, "--keybridge.webhooks.enabled=false",
                    "--keybridge.refresh.enabled=false");
        }
        org = newOrganization();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
            secondNode = null;
        }
    }

    private Api nodeB() {
        return new Api("http://127.0.0.1:" + ((WebServerApplicationContext) secondNode).getWebServer().getPort());
    }

    private String credentialId(String kind) {
        for (JsonNode c : admin.get("/admin/v1/organizations/" + org.id() + "/credentials").json().get("docs")) {
            if (c.get("kind").asString().equals(kind) && c.get("environment").asString().equals("test")) {
                return c.get("id").asString();
            }
        }
        throw new AssertionError("no live " + kind + " credential in the test environment");
    }

    private void revokeOnNodeA(String kind) {
        assertThat(admin.delete("/admin/v1/organizations/" + org.id() + "/credentials/" + credentialId(kind)).status())
                .isEqualTo(200);
    }

    private String linkSandboxKeys(String linkedAccountId) {
        Api server = org.test().withKey(api);
        Api.Response created = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", linkedAccountId, "app", "sandbox-keys"));
        return LinkTokens.exchange(server, created.json().get("public_token").asString());
    }

    private static Api.Response proxyMe(Api server, String accessToken) {
        return server.withHeader("access_token", accessToken).get("/v1/proxy/me");
    }

    @Test
    void doesRefuseAnApiKeyRevokedOnTheOtherNodeOnceTheCacheLifetimeHasPassed() {
        Api onB = org.test().withKey(nodeB());
        assertThat(onB.get("/api/v2/public/linked-account").status()).isEqualTo(200);

        revokeOnNodeA("api_key");

        assertThat(org.test().withKey(api).get("/api/v2/public/linked-account").status()).isEqualTo(401);
        clock.advance(PAST_TTL);
        Api.Response refused = onB.get("/api/v2/public/linked-account");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asString()).isEqualTo("unauthorized");
    }

    @Test
    void doesRefuseAClientPairRevokedOnTheOtherNodeOnceTheCacheLifetimeHasPassed() {
        Api onB = org.test().withClient(nodeB());
        assertThat(onB.get("/api/v2/public/linked-account").status()).isEqualTo(200);

        revokeOnNodeA("client");

        assertThat(org.test().withClient(api).get("/api/v2/public/linked-account").status()).isEqualTo(401);
        clock.advance(PAST_TTL);
        assertThat(onB.get("/api/v2/public/linked-account").status()).isEqualTo(401);
    }

    @Test
    void doesAnswerLoginRequiredOnTheOtherNodeOnceTheCacheLifetimeHasPassed() {
        String accessToken = linkSandboxKeys("cache-login");
        Api onB = org.test().withKey(nodeB());
        assertThat(proxyMe(onB, accessToken).status()).isEqualTo(200);

        assertThat(org.test().withKey(api).post("/sandbox/connection/reset_login",
                Map.of("access_token", accessToken)).status()).isEqualTo(200);

        clock.advance(PAST_TTL);
        Api.Response refused = proxyMe(onB, accessToken);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("login_required");
    }

    @Test
    void doesRefuseAConnectionDisconnectedOnTheOtherNodeOnceTheCacheLifetimeHasPassed() {
        String accessToken = linkSandboxKeys("cache-disconnect");
        Api onB = org.test().withKey(nodeB());
        assertThat(proxyMe(onB, accessToken).status()).isEqualTo(200);

        assertThat(org.test().withKey(api).withHeader("access_token", accessToken).delete("/v1/connection").status())
                .isEqualTo(200);

        clock.advance(PAST_TTL);
        assertThat(proxyMe(onB, accessToken).json().get("error").asString()).isEqualTo("invalid_access_token");
    }

    @Test
    void doesUseAClientSecretChangedOnTheOtherNodeOnceTheCacheLifetimeHasPassed() {
        Api onA = org.test().withKey(api);
        assertThat(onA.put("/api/v2/public/application/sandbox-oauth/settings",
                Map.of("enabled", true, "client_id", "client-one", "client_secret", "secret-one-0123456789")).status())
                .isEqualTo(200);
        AppSettings settingsOnB = secondNode.getBean(AppSettings.class);
        AppDefinition app = settingsOnB.available(Environment.TEST, "sandbox-oauth");
        assertThat(settingsOnB.client(org.id(), Environment.TEST, app).secret()).isEqualTo("secret-one-0123456789");

        assertThat(onA.put("/api/v2/public/application/sandbox-oauth/settings",
                Map.of("enabled", true, "client_id", "client-two", "client_secret", "secret-two-0123456789")).status())
                .isEqualTo(200);

        clock.advance(PAST_TTL);
        AppSettings.Client seen = settingsOnB.client(org.id(), Environment.TEST, app);
        assertThat(seen.id()).isEqualTo("client-two");
        assertThat(seen.secret()).isEqualTo("secret-two-0123456789");
        assertThat(seen.toString()).doesNotContain("secret-two");
    }

    @Test
    void doesInjectCredentialsRotatedOnTheOtherNodeOnceTheCacheLifetimeHasPassed() {
        String accessToken = linkSandboxKeys("cache-rotate");
        Api onB = org.test().withKey(nodeB());
        assertThat(proxyMe(onB, accessToken).status()).isEqualTo(200);

        // Node A stores a new key through the one fenced write (as update mode does); the sandbox API
        // refuses this one, so node B's answer tells which key it injected.
        Connection c = connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow();
        Map<String, String> rotated = new HashMap<>(connections.credentials(c));
        rotated.replaceAll((k, v) -> "rotated-" + v);
        assertThat(connections.replaceCredentials(c, c.credentialVersion(), rotated, null)).isTrue();

        clock.advance(PAST_TTL);
        assertThat(proxyMe(onB, accessToken).status()).isNotEqualTo(200);
    }
}
