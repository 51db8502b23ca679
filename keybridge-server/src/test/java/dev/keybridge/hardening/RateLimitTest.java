package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.NodeProcess;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.web.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits on two nodes sharing one fresh database (so their blocks cannot reach the shared test
 * server): failures counted on one node are refused on the other. Each test speaks from client
 * addresses of its own, given with X-Forwarded-For (trusted from loopback proxies).
 */
class RateLimitTest extends IntegrationTest {

    private static final int PER_ADDRESS = 5;
    private static final int PER_CREDENTIAL = 3;
    private static final Map<String, String> LIMITS = Map.of(
            "keybridge.rate-limits.failed-auth-per-address", Integer.toString(PER_ADDRESS),
            "keybridge.rate-limits.failed-auth-per-credential", Integer.toString(PER_CREDENTIAL),
            "keybridge.rate-limits.sync-interval", "200ms",
            "keybridge.rate-limits.org-requests-per-minute", "20",
            "keybridge.rate-limits.link-attempts-per-login", "3");

    private static NodeProcess a;
    private static NodeProcess b;

    @BeforeAll
    static void nodes() throws Exception {
        String database = TestDatabase.get().createDatabase();
        Path data = Files.createTempDirectory("keybridge-ratelimit-");
        a = NodeProcess.start("ratelimit-a", database, data, LIMITS);
        b = NodeProcess.start("ratelimit-b", database, data, LIMITS);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void doesAnswer429OnEveryNodeWhenOneAddressGuessesApiKeys() {
        TestOrganization org = a.newOrganization();
        String address = address();
        int requests = 0;
        for (int i = 0; i < PER_ADDRESS; i++) {
            requests++;
            assertThat(from(a, address).withHeader("x-api-key", "kb_test_" + Ids.random(40))
                    .get("/api/v2/public/linked-account").status()).isEqualTo(401);
        }
        requests++;
        Api.Response limited = from(b, address).withHeader("x-api-key", "kb_test_" + Ids.random(40))
                .get("/api/v2/public/linked-account");
        assertRateLimited(limited);
        System.out.printf("RATELIMIT requests-to-first-429 (wrong API keys, one address, two nodes)=%d%n", requests);
        // Right or wrong, the address is refused now, on both nodes; another address is not.
        assertRateLimited(org.test().withKey(from(a, address)).get("/api/v2/public/linked-account"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertRateLimited(org.test().withKey(from(b, address)).get("/api/v2/public/linked-account")));
        assertThat(org.test().withKey(from(b, address())).get("/api/v2/public/linked-account").status()).isEqualTo(200);
    }

    @Test
    void doesAnswer429ForTheRightSecretWhenOneClientIdWasGuessedFromManyAddresses() {
        TestOrganization org = a.newOrganization();
        for (int i = 0; i < PER_CREDENTIAL; i++) {
            NodeProcess node = i % 2 == 0 ? a : b;
            assertThat(from(node, address()).withHeader("client_id", org.test().clientId())
                    .withHeader("client_secret", "cs_test_" + Ids.random(40)).get("/api/v2/public/linked-account").status())
                    .isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertRateLimited(org.test().withClient(from(b, address())).get("/api/v2/public/linked-account")));
        assertThat(org.test().withKey(from(b, address())).get("/api/v2/public/linked-account").status()).isEqualTo(200);
    }

    @Test
    void doesAnswer429ForTheAdminTokenWhenItWasGuessed() {
        for (int i = 0; i < PER_CREDENTIAL; i++) {
            assertThat(from(a, address()).withHeader("authorization", "Bearer guess-" + Ids.random(20))
                    .get("/admin/v1/organizations").status()).isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(from(b, address())
                .withHeader("authorization", "Bearer " + ADMIN_TOKEN).get("/admin/v1/organizations")));
    }

    @Test
    void doesAnswer429WhenPublicTokensAreGuessed() {
        TestOrganization org = b.newOrganization();
        Api key = org.test().withKey(from(a, address()));
        for (int i = 0; i < PER_CREDENTIAL; i++) {
            assertThat(key.post("/link/token/exchange", Map.of("public_token", "pt_test_" + Ids.random(40))).status())
                    .isBetween(400, 404);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(org.test().withKey(from(b, address()))
                .post("/link/token/exchange", Map.of("public_token", "pt_test_" + Ids.random(40)))));
    }

    @Test
    void doesLimitRequestsPerOrganizationOverBothNodes() throws Exception {
        if (LocalTime.now().getSecond() > 40) {
            Thread.sleep((61 - LocalTime.now().getSecond()) * 1000L);    // one minute window for the whole test
        }
        TestOrganization org = a.newOrganization();
        Api onA = org.test().withKey(a.api());
        for (int i = 0; i < 20; i++) {
            assertThat(onA.get("/api/v2/public/linked-account").status()).isEqualTo(200);
        }
        assertRateLimited(onA.get("/api/v2/public/linked-account"));
        Api onB = org.test().withKey(b.api());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(onB.get("/api/v2/public/linked-account")));
        assertThat(b.newOrganization().test().withKey(b.api()).get("/api/v2/public/linked-account").status()).isEqualTo(200);
    }

    @Test
    void doesLimitLinkAttemptsPerLoginAcrossSessions() {
        TestOrganization org = a.newOrganization();
        Api key = org.test().withKey(a.api());
        assertThat(key.put("/api/v2/public/linked-account", Accounts.account("lim-1").body()).status()).isEqualTo(200);
        for (int session = 0; session < 3; session++) {
            LinkDriver browser = new LinkDriver((session % 2 == 0 ? a : b).api().base());
            browser.open(LinkTokens.forUser("lim-1").app("sandbox-ehr").create(key));
            LinkDriver.Page page = browser.submit(Map.of("username", "user_good", "password", "wrong-" + session));
            assertThat(page.status()).as(page.html()).isLessThan(400);
        }
        LinkDriver browser = new LinkDriver(b.api().base());
        browser.open(LinkTokens.forUser("lim-1").app("sandbox-ehr").create(key));
        LinkDriver.Page refused = browser.submit(Map.of("username", "user_good", "password", "pass_good"));
        assertThat(refused.status()).as(refused.html()).isEqualTo(429);
    }

    private static void assertRateLimited(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(429);
        assertThat(r.json().get("error_type").asString()).isEqualTo("rate_limited");
        assertThat(r.json().get("error").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(r.header("retry-after"))).isPositive();
    }

    private static Api from(NodeProcess node, String address) {
        return node.api().withHeader("x-forwarded-for", address);
    }

    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(100, 250) + "." + r.nextInt(1, 250);
    }
}
