package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.support.InProcessNode;
import dev.keybridge.support.TestClock;
import dev.keybridge.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling over HTTP on a node of its own (its own database and clock, so its counters never
 * meet the shared test server's), with low limits: 3 failures per e-mail address, 5 per client address,
 * in 15 minutes. Client addresses come as X-Forwarded-For from loopback, which the node trusts; each
 * test uses addresses no other test used.
 */
class DashboardSigninThrottleTest {

    private static final int PER_EMAIL = 3;
    private static final int PER_CLIENT = 5;
    private static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final TestClock CLOCK = new TestClock();
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private static InProcessNode node;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        node = InProcessNode.start(TestDatabase.get().createDatabase(), Files.createTempDirectory("keybridge-signin-"),
                CLOCK, Map.of("keybridge.dashboard.max-signin-failures", Integer.toString(PER_EMAIL),
                        "keybridge.dashboard.max-signin-failures-per-address", Integer.toString(PER_CLIENT),
                        "keybridge.dashboard.signin-lockout", LOCKOUT.toMinutes() + "m"));
        port = URI.create(node.api().base()).getPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void doesSignInWithTheRightPasswordFromAnAddressThatHasNotFailedWhileOthersGuessTheSameOperator() {
        String email = owner();
        String[] guessers = new String[PER_EMAIL * 3];
        for (int i = 0; i < guessers.length; i++) {
            guessers[i] = address();
            HttpResponse<String> wrong = FormBrowser.from(port, guessers[i]).signIn(email, "guess " + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
        }

        HttpResponse<String> operator = FormBrowser.from(port, address()).signIn(email, ConsoleDriver.PASSWORD);
        HttpResponse<String> guesserWithTheRightPassword = FormBrowser.from(port, guessers[0]).signIn(email, ConsoleDriver.PASSWORD);
        HttpResponse<String> guesserWrongAgain = FormBrowser.from(port, guessers[1]).signIn(email, "guess again");

        assertSignedIn(operator);
        assertRefused(guesserWithTheRightPassword);
        assertRefused(guesserWrongAgain);
        HttpResponse<String> newGuesser = FormBrowser.from(port, address()).signIn(email, "one more guess");
        assertThat(newGuesser.statusCode()).as("a client that has not failed still has its password checked").isEqualTo(401);
    }

    @Test
    void doesRefuseAClientSprayingManyAddressesButNotTheOperatorsOwnClient() {
        String email = owner();
        String sprayer = address();
        for (int i = 0; i < PER_CLIENT; i++) {
            String target = i % 2 == 0 ? "nobody-" + i + "-" + ADDRESSES.get() + "@example.com" : owner();
            assertThat(FormBrowser.from(port, sprayer).signIn(target, "Summer2026!").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> rightPassword = FormBrowser.from(port, sprayer).signIn(email, ConsoleDriver.PASSWORD);
        HttpResponse<String> unknownAddress = FormBrowser.from(port, sprayer).signIn("nobody-else@example.com", "Summer2026!");

        assertRefused(rightPassword);
        assertRefused(unknownAddress);
        // The same lockout for both (no hint whether the address exists); two requests may straddle a second boundary.
        assertThat(Long.parseLong(unknownAddress.headers().firstValue("retry-after").orElseThrow()))
                .isCloseTo(Long.parseLong(rightPassword.headers().firstValue("retry-after").orElseThrow()), within(1L));
        assertSignedIn(FormBrowser.from(port, address()).signIn(email, ConsoleDriver.PASSWORD));
    }

    @Test
    void doesRefuseAnIpv6ClientWhenItSpraysFromEveryAddressOfItsSlash64() {
        int n = ADDRESSES.incrementAndGet();
        String prefix = "2001:db8:5:" + Integer.toHexString(n);
        for (int i = 0; i < PER_CLIENT; i++) {
            String target = "nobody-" + i + "-v6-" + n + "@example.com";
            assertThat(FormBrowser.from(port, prefix + "::" + Integer.toHexString(i + 1)).signIn(target, "Summer2026!")
                    .statusCode()).isEqualTo(401);
        }

        assertRefused(FormBrowser.from(port, prefix + ":1:2:3:4").signIn("nobody-else-v6@example.com", "Summer2026!"));
        assertThat(FormBrowser.from(port, "2001:db8:6:" + Integer.toHexString(n) + "::1")
                .signIn("nobody-else-v6@example.com", "Summer2026!").statusCode()).as("another /64").isEqualTo(401);
    }

    @Test
    void doesCheckNoMorePasswordsThanTheLimitWhenThirtyWrongAttemptsArriveAtOnce() throws Exception {
        String email = owner();
        String client = address();
        int attempts = 30;
        List<FormBrowser> browsers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            FormBrowser b = FormBrowser.from(port, client);
            tokens.add(FormBrowser.csrf(b.get("/dashboard/signin").body()));
            browsers.add(b);
        }
        ExecutorService threads = Executors.newFixedThreadPool(attempts);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                FormBrowser b = browsers.get(i);
                Map<String, String> form = Map.of("email", email, "password", "parallel guess " + i, "_csrf", tokens.get(i));
                answers.add(threads.submit(() -> {
                    go.await();
                    return b.post("/dashboard/signin", form).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> a : answers) {
                statuses.add(a.get(2, TimeUnit.MINUTES));
            }
        } finally {
            threads.shutdownNow();
        }

        long wrongPassword = statuses.stream().filter(s -> s == 401).count();
        long throttled = statuses.stream().filter(s -> s == 429).count();
        System.out.printf("SIGNIN %d wrong passwords at once from one client: wrong-password=%d throttled=%d%n",
                attempts, wrongPassword, throttled);
        assertThat(wrongPassword + throttled).as(statuses.toString()).isEqualTo(attempts);
        assertThat(wrongPassword).as("passwords checked").isEqualTo(PER_EMAIL);
        assertSignedIn(FormBrowser.from(port, address()).signIn(email, ConsoleDriver.PASSWORD));
    }

    @Test
    void doesLetARefusedClientTryAgainWhenTheLockoutEnds() {
        String email = owner();
        String client = address();
        for (int i = 0; i < PER_EMAIL; i++) {
            assertThat(FormBrowser.from(port, client).signIn(email, "wrong " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = FormBrowser.from(port, client).signIn(email, ConsoleDriver.PASSWORD);
        assertRefused(refused);
        assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow()))
                .isBetween(1L, LOCKOUT.toSeconds());

        CLOCK.advance(LOCKOUT);     // the clock only moves forward here: its windows are this node's alone

        assertSignedIn(FormBrowser.from(port, client).signIn(email, ConsoleDriver.PASSWORD));
    }

    private static void assertSignedIn(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        assertThat(r.headers().firstValue("location").orElseThrow()).endsWith("/dashboard");
    }

    private static void assertRefused(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(r.body()).contains("Too many failed attempts");
        assertThat(Long.parseLong(r.headers().firstValue("retry-after").orElseThrow())).isPositive();
    }

    private static String owner() {
        return FormBrowser.owner(port, node.bean(Invites.class), node.newOrganization().id());
    }

    /** A client address no test has used before. */
    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "203.0." + (113 + n / 250) + "." + (1 + n % 250);
    }
}
