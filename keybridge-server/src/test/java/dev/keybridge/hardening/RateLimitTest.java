package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.support.InProcessNode;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestClock;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.web.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits on two nodes (in this JVM) sharing one fresh database, so their blocks cannot reach the
 * shared test server (it does not run for this class): failures counted on one node are refused on the
 * other. Each test speaks from client addresses of its own, given with X-Forwarded-For (trusted from
 * loopback proxies). The nodes share a clock of their own, which tests move to reach the end of a
 * window instead of waiting for it; it only ever moves forward (moved back, it would bring back
 * blocks that had run out).
 */
class RateLimitTest {

    private static final String ADMIN_TOKEN = IntegrationTest.ADMIN_TOKEN;
    private static final int PER_ADDRESS = 5;
    private static final int PER_CREDENTIAL = 3;
    private static final Duration FAILED_AUTH_WINDOW = Duration.ofMinutes(15);
    private static final int ORG_REQUESTS_PER_MINUTE = 20;
    private static final Map<String, String> LIMITS = Map.of(
            "keybridge.rate-limits.failed-auth-per-address", Integer.toString(PER_ADDRESS),
            "keybridge.rate-limits.failed-auth-per-credential", Integer.toString(PER_CREDENTIAL),
            "keybridge.rate-limits.failed-auth-window", FAILED_AUTH_WINDOW.toMinutes() + "m",
            "keybridge.rate-limits.sync-interval", "200ms",
            "keybridge.rate-limits.org-requests-per-minute", Integer.toString(ORG_REQUESTS_PER_MINUTE),
            "keybridge.rate-limits.link-attempts-per-login", "3");
    private static final TestClock CLOCK = new TestClock();

    private static InProcessNode a;
    private static InProcessNode b;

    @BeforeAll
    static void nodes() throws Exception {
        String database = TestDatabase.get().createDatabase();
        Path data = Files.createTempDirectory("keybridge-ratelimit-");
        a = InProcessNode.start(database, data, CLOCK, LIMITS);
        b = InProcessNode.start(database, data, CLOCK, LIMITS);
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
            InProcessNode node = i % 2 == 0 ? a : b;
            assertThat(from(node, address()).withHeader("client_id", org.test().clientId())
                    .withHeader("client_secret", "cs_test_" + Ids.random(40)).get("/api/v2/public/linked-account").status())
                    .isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertRateLimited(org.test().withClient(from(b, address())).get("/api/v2/public/linked-account")));
        assertThat(org.test().withKey(from(b, address())).get("/api/v2/public/linked-account").status()).isEqualTo(200);
    }

    @Test
    void doesAnswer429ForTheAdminTokenUntilTheWindowEndsWhenItWasGuessed() {
        for (int i = 0; i < PER_CREDENTIAL; i++) {
            assertThat(from(a, address()).withHeader("authorization", "Bearer guess-" + Ids.random(20))
                    .get("/admin/v1/organizations").status()).isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(from(b, address())
                .withHeader("authorization", "Bearer " + ADMIN_TOKEN).get("/admin/v1/organizations")));

        CLOCK.advance(FAILED_AUTH_WINDOW);     // the block ends with its window (and the other tests need the token)

        assertThat(from(a, address()).withHeader("authorization", "Bearer " + ADMIN_TOKEN)
                .get("/admin/v1/organizations").status()).isEqualTo(200);
        assertThat(from(b, address()).withHeader("authorization", "Bearer " + ADMIN_TOKEN)
                .get("/admin/v1/organizations").status()).isEqualTo(200);
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
    void doesLimitRequestsPerOrganizationOverBothNodesWhenTheyFallInOneMinute() {
        startOfAMinute();
        TestOrganization org = a.newOrganization();
        Api onA = org.test().withKey(a.api());
        for (int i = 0; i < ORG_REQUESTS_PER_MINUTE; i++) {
            assertThat(onA.get("/api/v2/public/linked-account").status()).isEqualTo(200);
        }
        assertRateLimited(onA.get("/api/v2/public/linked-account"));
        Api onB = org.test().withKey(b.api());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(onB.get("/api/v2/public/linked-account")));
        assertThat(b.newOrganization().test().withKey(b.api()).get("/api/v2/public/linked-account").status()).isEqualTo(200);
    }

    @Test
    void doesAcceptAnOrganizationAgainOnBothNodesWhenTheNextMinuteStarts() {
        startOfAMinute();
        TestOrganization org = a.newOrganization();
        Api onA = org.test().withKey(a.api());
        Api onB = org.test().withKey(b.api());
        for (int i = 0; i < ORG_REQUESTS_PER_MINUTE; i++) {
            assertThat(onA.get("/api/v2/public/linked-account").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(onB.get("/api/v2/public/linked-account")));
        Api.Response refused = onA.get("/api/v2/public/linked-account");
        assertRateLimited(refused);
        assertThat(Long.parseLong(refused.header("retry-after"))).as("the rest of the minute").isBetween(1L, 60L);

        CLOCK.advance(Duration.ofMinutes(1));

        assertThat(onA.get("/api/v2/public/linked-account").status()).isEqualTo(200);
        assertThat(onB.get("/api/v2/public/linked-account").status()).isEqualTo(200);
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

    /**
     * Moves the nodes' clock to the start of the next minute, so a test's requests all fall in one
     * per-organization window (it has a minute of real time before the window turns).
     */
    private static void startOfAMinute() {
        Instant now = CLOCK.instant();
        CLOCK.advance(Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1))));
    }

    private static Api from(InProcessNode node, String address) {
        return node.api().withHeader("x-forwarded-for", address);
    }

    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(100, 250) + "." + r.nextInt(1, 250);
    }
}
