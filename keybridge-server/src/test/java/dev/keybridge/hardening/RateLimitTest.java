package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.ratelimit.AuthThrottle;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits on two nodes (in this JVM) sharing one fresh database, so their blocks cannot reach the
 * shared test server (it does not run for this class): failures counted on one node are refused on the
 * other. Each test speaks from client addresses of its own, given with X-Forwarded-For (trusted from
 * loopback proxies), each address used once. The nodes share a clock of their own, which tests move to
 * reach the end of a window instead of waiting for it; it only ever moves forward (moved back, it would
 * bring back blocks that had run out).
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
            "keybridge.rate-limits.link-attempts-per-login", "3",
            "keybridge.cache-ttl", "1h");
    private static final TestClock CLOCK = new TestClock();
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

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
    void doesAnswer429ToWrongKeysOnEveryNodeButLetTheRightKeyThroughWhenOneAddressGuessesApiKeys() {
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
        // Wrong keys from the address are refused on both nodes now; the right key is not a guess and passes,
        // from the blocked address too (it carries 238 random bits), and counts toward nothing.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(from(a, address)
                .withHeader("x-api-key", "kb_test_" + Ids.random(40)).get("/api/v2/public/linked-account")));
        for (int i = 0; i < 3; i++) {
            assertThat(org.test().withKey(from(i % 2 == 0 ? a : b, address)).get("/api/v2/public/linked-account").status())
                    .isEqualTo(200);
        }
        assertThat(from(b, address()).withHeader("x-api-key", "kb_test_" + Ids.random(40))
                .get("/api/v2/public/linked-account").status()).as("another address guesses on").isEqualTo(401);
    }

    @Test
    void doesCountWrongKeysFromOneIpv6Slash64TogetherWhenEachComesFromAnotherAddressOfIt() {
        int n = ADDRESSES.incrementAndGet();
        String prefix = "2001:db8:" + Integer.toHexString(n) + ":7";
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(from(a, prefix + ":" + Integer.toHexString(i + 1) + "::" + Integer.toHexString(i + 9))
                    .withHeader("x-api-key", "kb_test_" + Ids.random(40)).get("/api/v2/public/linked-account").status())
                    .isEqualTo(401);
        }

        assertRateLimited(from(a, prefix + ":ffff:ffff:ffff:ffff").withHeader("x-api-key", "kb_test_" + Ids.random(40))
                .get("/api/v2/public/linked-account"));
        assertThat(from(a, "2001:db8:" + Integer.toHexString(n) + ":8::1").withHeader("x-api-key", "kb_test_" + Ids.random(40))
                .get("/api/v2/public/linked-account").status()).as("the next /64 is another client").isEqualTo(401);
    }

    @Test
    void doesCountAnIpv4MappedIpv6AddressAsItsIpv4AddressWhenItGuessesKeys() {
        String address = address();
        for (int i = 0; i < PER_ADDRESS; i++) {
            String sender = i % 2 == 0 ? address : "::ffff:" + address;
            assertThat(from(a, sender).withHeader("x-api-key", "kb_test_" + Ids.random(40))
                    .get("/api/v2/public/linked-account").status()).isEqualTo(401);
        }

        assertRateLimited(from(a, "::ffff:" + address).withHeader("x-api-key", "kb_test_" + Ids.random(40))
                .get("/api/v2/public/linked-account"));
        assertRateLimited(from(a, address).withHeader("x-api-key", "kb_test_" + Ids.random(40))
                .get("/api/v2/public/linked-account"));
    }

    @Test
    void doesLookUpNoMoreThanTheBudgetButLetTheCachedRightKeyThroughWhenABlockedAddressFloodsWrongKeys() throws Exception {
        TestOrganization org = a.newOrganization();
        assertThat(org.test().withKey(from(a, address())).get("/api/v2/public/linked-account").status())
                .as("the right key, now in a's cache of live credentials").isEqualTo(200);
        String address = blockedAddress();
        AuthThrottle throttle = a.bean(AuthThrottle.class);
        int guesses = 300;
        ExecutorService threads = Executors.newFixedThreadPool(16);
        long lookups;
        Duration took;
        try {
            long before = throttle.blockedLookups();
            Instant start = CLOCK.instant();
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                answers.add(threads.submit(() -> from(a, address).withHeader("x-api-key", "kb_test_" + Ids.random(40))
                        .get("/api/v2/public/linked-account").status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(2, TimeUnit.MINUTES)).isEqualTo(429);
            }
            took = Duration.between(start, CLOCK.instant());
            lookups = throttle.blockedLookups() - before;
        } finally {
            threads.shutdownNow();
        }

        System.out.printf("RATELIMIT wrong keys from a blocked address=%d in %d ms, credential lookups=%d%n", guesses,
                took.toMillis(), lookups);
        // the budget: a full bucket, then its rate for every second begun; refused without a query, the
        // guesses come faster than the bucket refills, so some find it empty (without it: a lookup each)
        long budget = AuthThrottle.BLOCKED_LOOKUPS_PER_SECOND * (1 + (took.toMillis() + 999) / 1000);
        assertThat(lookups).as("lookups for %d guesses in %d ms", guesses, took.toMillis())
                .isLessThanOrEqualTo(budget).isLessThan(guesses);
        assertThat(org.test().withKey(from(a, address)).get("/api/v2/public/linked-account").status())
                .as("the right key from the cache, from the blocked address").isEqualTo(200);
    }

    @Test
    void doesLetTheRightSecretThroughWhenItsClientIdIsGuessedFromManyAddresses() {
        TestOrganization org = a.newOrganization();
        burst(PER_CREDENTIAL * 3, (node, address) -> from(node, address).withHeader("client_id", org.test().clientId())
                .withHeader("client_secret", "cs_test_" + Ids.random(40)).get("/api/v2/public/linked-account"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(from(b, address())
                .withHeader("client_id", org.test().clientId()).withHeader("client_secret", "cs_test_" + Ids.random(40))
                .get("/api/v2/public/linked-account")));

        assertThat(org.test().withClient(from(a, address())).get("/api/v2/public/linked-account").status()).isEqualTo(200);
        assertThat(org.test().withClient(from(b, address())).get("/api/v2/public/linked-account").status()).isEqualTo(200);
    }

    @Test
    void doesLetTheRightAdminTokenThroughWhenItIsGuessedFromManyAddresses() {
        burst(PER_CREDENTIAL * 3, (node, address) -> from(node, address)
                .withHeader("authorization", "Bearer guess-" + Ids.random(20)).get("/admin/v1/organizations"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(from(b, address())
                .withHeader("authorization", "Bearer guess-" + Ids.random(20)).get("/admin/v1/organizations")));

        assertThat(from(a, address()).withHeader("authorization", "Bearer " + ADMIN_TOKEN)
                .get("/admin/v1/organizations").status()).isEqualTo(200);
        assertThat(from(b, address()).withHeader("authorization", "Bearer " + ADMIN_TOKEN)
                .get("/admin/v1/organizations").status()).isEqualTo(200);
    }

    @Test
    void doesRefuseTheRightAdminTokenLikeAWrongOneWhenItsAddressIsBlocked() {
        String address = blockedAddress();

        Api.Response right = from(a, address).withHeader("authorization", "Bearer " + ADMIN_TOKEN).get("/admin/v1/organizations");
        Api.Response wrong = from(a, address).withHeader("authorization", "Bearer guess-" + Ids.random(20))
                .get("/admin/v1/organizations");

        assertRateLimited(right);
        assertSameRefusal(right, wrong);
        assertThat(from(a, address()).withHeader("authorization", "Bearer " + ADMIN_TOKEN)
                .get("/admin/v1/organizations").status()).as("from an address that is not blocked").isEqualTo(200);
    }

    @Test
    void doesAnswerEveryWrongGuessFromABlockedAddressAlike() {
        TestOrganization org = a.newOrganization();
        String address = blockedAddress();
        Api.Response randomKey = from(b, address).withHeader("x-api-key", "kb_test_" + Ids.random(40))
                .get("/api/v2/public/linked-account");
        Api.Response unknownClient = from(b, address).withHeader("client_id", "ci_test_" + Ids.random(24))
                .withHeader("client_secret", "cs_test_" + Ids.random(40)).get("/api/v2/public/linked-account");
        Api.Response wrongSecretOfARealClient = from(b, address).withHeader("client_id", org.test().clientId())
                .withHeader("client_secret", "cs_test_" + Ids.random(40)).get("/api/v2/public/linked-account");
        Api.Response badSession = from(b, address).withHeader("authorization", "Bearer " + Ids.random(30))
                .get("/api/v3/org/basics");

        for (Api.Response r : List.of(randomKey, unknownClient, wrongSecretOfARealClient, badSession)) {
            assertRateLimited(r);
            assertSameRefusal(randomKey, r);
        }
    }

    @Test
    void doesExchangeTheRightPublicTokenAndKeepOtherCredentialsExchangingWhenWrongOnesAreGuessedFromManyAddresses() {
        TestOrganization org = b.newOrganization();
        Api server = org.test().withKey(a.api());
        assertThat(server.put("/api/v2/public/linked-account", Accounts.account("pt-1").body()).status()).isEqualTo(200);
        String right = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "pt-1", "app", "sandbox-ehr"))
                .json().get("public_token").asString();
        burst(PER_CREDENTIAL * 3, (node, address) -> org.test().withKey(from(node, address))
                .post("/link/token/exchange", Map.of("public_token", "pt_test_" + Ids.random(40))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(org.test().withKey(from(b, address()))
                .post("/link/token/exchange", Map.of("public_token", "pt_test_" + Ids.random(40)))));

        Api.Response wrongThroughTheClientPair = org.test().withClient(from(b, address()))
                .post("/link/token/exchange", Map.of("public_token", "pt_test_" + Ids.random(40)));
        Api.Response exchanged = org.test().withKey(from(b, address())).post("/link/token/exchange", Map.of("public_token", right));

        assertThat(wrongThroughTheClientPair.status()).as("another credential of the environment is not blocked").isEqualTo(400);
        assertThat(exchanged.status()).as(exchanged.text()).isEqualTo(200);
        assertThat(exchanged.json().get("token").asString()).isNotBlank();
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

    /** One wrong attempt from each of {@code attempts} new addresses, on the two nodes in turn. */
    private static void burst(int attempts, BiFunction<InProcessNode, String, Api.Response> attempt) {
        for (int i = 0; i < attempts; i++) {
            assertThat(attempt.apply(i % 2 == 0 ? a : b, address()).status()).isIn(400, 401, 429);
        }
    }

    /** A new address, blocked on both nodes by wrong API keys. */
    private static String blockedAddress() {
        String address = address();
        for (int i = 0; i < PER_ADDRESS; i++) {
            from(a, address).withHeader("x-api-key", "kb_test_" + Ids.random(40)).get("/api/v2/public/linked-account");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertRateLimited(from(b, address)
                .withHeader("x-api-key", "kb_test_" + Ids.random(40)).get("/api/v2/public/linked-account")));
        return address;
    }

    /** The same refusal: status, error, message, and Retry-After within a second (the clock runs on between them). */
    private static void assertSameRefusal(Api.Response expected, Api.Response actual) {
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.json().get("error").asString()).isEqualTo(expected.json().get("error").asString());
        assertThat(actual.json().get("message").asString()).isEqualTo(expected.json().get("message").asString());
        assertThat(Long.parseLong(actual.header("retry-after")))
                .isBetween(Long.parseLong(expected.header("retry-after")) - 1, Long.parseLong(expected.header("retry-after")));
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

    /** A client address no test has used before (the nodes' database lives as long as this class). */
    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }
}
