package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.audit.AuditLog;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionExpiry;
import dev.keybridge.connection.ConnectionHealth;
import dev.keybridge.connection.CredentialLease;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.events.Events;
import dev.keybridge.refresh.TokenRefresher;
import dev.keybridge.support.Api;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Token refresh: one call per connection across nodes (lease + fencing) and within a node
 * (coalescing), the order of writes, a node that never writes the provider's answer, background
 * refresh before expiry, keep-alive, and backoff. Another node's refresher is a second
 * {@link TokenRefresher} over the server's beans (its own node id, lease and in-flight calls).
 */
class RefreshTest extends HealthIntegrationTest {

    @Autowired
    private TokenRefresher refresher;
    @Autowired
    private CredentialLease lease;
    @Autowired
    private AppSettings apps;
    @Autowired
    private AppConnectors connectors;
    @Autowired
    private ConnectionHealth health;
    @Autowired
    private Events events;
    @Autowired
    private KeybridgeSettings settings;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private ConnectionExpiry expiry;
    @Autowired
    private AuditLog audit;

    private TestOrganization org;
    private Api server;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        enable(server, "fake-oauth");
    }

    @AfterEach
    void tearDown() {
        FAKE.beforeTokenAnswer = rt -> { };
        FAKE.afterRotating = rt -> { };
        FAKE.onApiCall = t -> { };
        FAKE.failWith = 0;
        pool.shutdownNow();
        clock.reset();
    }

    /** The refresher of another node on the same database. */
    private TokenRefresher anotherNode() {
        return new TokenRefresher(connections, lease, apps, connectors, health, events, tx, clock, settings, meters, expiry, audit);
    }

    /** Runs {@code action} on token calls that present {@code grant}'s refresh token (not on other tests' calls). */
    private static Consumer<String> forGrant(Map<String, String> grant, Runnable action) {
        return refreshToken -> {
            if (grant.get("refresh_token").equals(refreshToken)) {
                action.run();
            }
        };
    }

    private Connection connection(String accessToken) {
        return connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow();
    }

    private String storedRefreshToken(Connection c) {
        Connection now = connections.find(c.orgId(), c.environment(), c.id()).orElseThrow();
        return connections.credentials(now).get("refresh_token");
    }

    @Test
    void doesMakeOneTokenCallWhenTwoNodesRefreshOneConnectionAtOnce() throws Exception {
        Map<String, String> grant = FAKE.grant();
        String token = connect(org, Environment.TEST, "two-nodes", "fake-oauth", grant, clock.instant().plusSeconds(3600));
        Connection c = connection(token);
        TokenRefresher nodeB = anotherNode();
        CountDownLatch release = new CountDownLatch(1);
        FAKE.beforeTokenAnswer = forGrant(grant, () -> hold(release));
        int before = FAKE.tokenCalls.get();

        Future<Connection> a = pool.submit(() -> refresher.refresh(c));
        Future<Connection> b = pool.submit(() -> nodeB.refresh(c));
        await().atMost(Duration.ofSeconds(10)).until(() -> FAKE.tokenCalls.get() - before == 1);
        assertThat(a.isDone() || b.isDone()).as("neither finishes while the provider has not answered").isFalse();
        release.countDown();

        assertThat(a.get().credentialVersion()).isEqualTo(2);
        assertThat(b.get().credentialVersion()).isEqualTo(2);
        assertThat(connections.credentials(a.get())).isEqualTo(connections.credentials(b.get()));
        assertThat(FAKE.tokenCalls.get() - before).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from audit_record where org_id = ? "
                        + "and connection_id = ? and action = 'credential.refresh' and actor_type = 'system' "
                        + "and detail ->> 'outcome' = 'refreshed'")
                .params(org.id(), c.id()).query(Long.class).single() == 1);
    }

    @Test
    void doesCoalesceConcurrentNeedsIntoOneCallWhenTheyArriveInOneNode() throws Exception {
        Map<String, String> grant = FAKE.grant();
        String token = connect(org, Environment.TEST, "coalesce", "fake-oauth", grant, clock.instant().plusSeconds(3600));
        Connection c = connection(token);
        CountDownLatch release = new CountDownLatch(1);
        FAKE.beforeTokenAnswer = forGrant(grant, () -> hold(release));
        int before = FAKE.tokenCalls.get();

        List<Future<Connection>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(pool.submit(() -> refresher.refresh(c)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> FAKE.tokenCalls.get() - before == 1);
        release.countDown();

        for (Future<Connection> f : calls) {
            assertThat(f.get().credentialVersion()).isEqualTo(2);
        }
        assertThat(FAKE.tokenCalls.get() - before).isEqualTo(1);
    }

    @Test
    void doesStoreTheRotatedRefreshTokenBeforeAnythingUsesTheNewAccessToken() {
        Map<String, String> grant = FAKE.grant();
        String token = connect(org, Environment.TEST, "order", "fake-oauth", grant, clock.instant().plusSeconds(3600));
        Connection c = connection(token);
        FAKE.expireAccess(grant.get("access_token"));
        List<String> storedWhenUsed = new CopyOnWriteArrayList<>();
        List<String> usedTokens = new CopyOnWriteArrayList<>();
        FAKE.onApiCall = t -> {
            usedTokens.add(String.valueOf(t));
            storedWhenUsed.add(storedRefreshToken(c) + "|" + connections.credentials(
                    connections.find(c.orgId(), c.environment(), c.id()).orElseThrow()).get("access_token"));
        };

        Api.Response r = proxy(server, token, "GET", "me", null);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(usedTokens).hasSize(2);
        String newAccess = usedTokens.get(1);
        assertThat(newAccess).isNotEqualTo(grant.get("access_token"));
        String[] atUse = storedWhenUsed.get(1).split("\\|");
        assertThat(atUse[0]).as("the rotated refresh token was stored before the new access token was used")
                .isNotEqualTo(grant.get("refresh_token")).isEqualTo(storedRefreshToken(c));
        assertThat(atUse[1]).isEqualTo(newAccess);
    }

    @Test
    void doesKeepTheGrantWhenTheProviderRotatedButTheNodeNeverWroteTheAnswer() throws Exception {
        Map<String, String> grant = FAKE.grant();
        String token = connect(org, Environment.TEST, "stalled", "fake-oauth", grant, clock.instant().plusSeconds(3600));
        Connection c = connection(token);
        CountDownLatch rotated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The provider rotates, then its answer to this node is held: the node keeps the lease and writes
        // nothing, as a node that died between the provider's answer and the write would.
        FAKE.afterRotating = forGrant(grant, () -> {
            rotated.countDown();
            hold(release);
        });
        Future<Connection> stalled = pool.submit(() -> anotherNode().refresh(c));
        Connection fresh;
        try {
            assertThat(rotated.await(10, TimeUnit.SECONDS)).as("the provider rotated the refresh token").isTrue();
            assertThat(connection(token).credentialVersion()).as("nothing was written").isEqualTo(1);
            assertThat(storedRefreshToken(c)).isEqualTo(grant.get("refresh_token"));

            // The stalled node's lease lapses; another node refreshes from the stored (old) refresh token,
            // which the provider still honours within its reuse grace, and stores the rotated one.
            clock.advance(settings.refresh().lease().plusSeconds(1));
            fresh = anotherNode().refresh(c);
        } finally {
            release.countDown();
        }

        assertThat(fresh.status()).isEqualTo(Connection.Status.ACTIVE);
        assertThat(fresh.credentialVersion()).isEqualTo(2);
        assertThat(storedRefreshToken(c)).isNotEqualTo(grant.get("refresh_token"));
        assertThat(stalled.get(30, TimeUnit.SECONDS).credentialVersion())
                .as("the stalled node's late answer lost its fence and was not written again").isEqualTo(2);
        assertThat(connection(token).credentialVersion()).isEqualTo(2);
        FAKE.expireAccess(grant.get("access_token"));
        assertThat(proxy(server, token, "GET", "me", null).status()).isEqualTo(200);
    }

    @Test
    void doesNotOverwriteNewerCredentialsWhenALateRefreshWrites() throws Exception {
        Map<String, String> grant = FAKE.grant();
        String token = connect(org, Environment.TEST, "late", "fake-oauth", grant, clock.instant().plusSeconds(3600));
        Connection c = connection(token);
        Map<String, String> relinked = FAKE.grant();
        // While the node waits for the provider, the user re-links (update mode writes version 2).
        FAKE.beforeTokenAnswer = forGrant(grant, () -> tx.executeWithoutResult(s ->
                connections.replaceCredentials(connection(token), 1, relinked, clock.instant().plusSeconds(3600))));

        Connection result = anotherNode().refresh(c);

        assertThat(result.credentialVersion()).isEqualTo(2);
        assertThat(connections.credentials(result).get("refresh_token")).isEqualTo(relinked.get("refresh_token"));
    }

    @Test
    void doesRefreshInTheBackgroundWhenExpiryIsWithinTheMargin() {
        String token = connect(org, Environment.TEST, "background", "fake-oauth", FAKE.grant(), clock.instant().plusSeconds(60));

        await().atMost(Duration.ofSeconds(20)).until(() -> connection(token).credentialVersion() == 2);

        var status = server.withHeader("access_token", token).get("/v1/connection").json();
        assertThat(status.get("last_refreshed_at").isNull()).isFalse();
        assertThat(Instant.parse(status.get("token_expires_at").asString())).isAfter(clock.instant().plusSeconds(3000));
    }

    @Test
    void doesKeepAnIdleGrantAliveWhenItWasNotRefreshedForTheKeepAlivePeriod() {
        String token = connect(org, Environment.TEST, "idle", "fake-oauth", FAKE.grant(), null);
        jdbc.sql("update connection set created_at = ? where org_id = ?")
                .params(Timestamp.from(clock.instant().minus(Duration.ofDays(8))), org.id()).update();

        await().atMost(Duration.ofSeconds(20)).until(() -> connection(token).credentialVersion() == 2);
    }

    @Test
    void doesBackOffExponentiallyAndRecoverWhenTheProviderFails() {
        try (Receiver receiver = new Receiver()) { // its close checks the delivery against the webhooks section
            assertThat(server.post("/api/v2/public/webhook", Map.of("webhook_url", receiver.url(),
                    "webhook_events", List.of("connection.refresh_failed"))).status()).isEqualTo(201);
            backOffAndRecover();
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().getFirst().body()).contains("\"oauth_error\"");
        }
    }

    private void backOffAndRecover() {
        FAKE.failWith = 503;
        String token = connect(org, Environment.TEST, "backoff", "fake-oauth", FAKE.grant(), clock.instant().plusSeconds(60));
        String id = connection(token).id();

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select refresh_failures from connection where id = ?")
                .param(id).query(Integer.class).single() >= 3);
        long waitMillis = jdbc.sql("select (extract(epoch from next_refresh_at - last_error_at) * 1000)::bigint "
                + "from connection where id = ?").param(id).query(Long.class).single();
        assertThat(waitMillis).as("the third wait is about 300ms * 2^2").isGreaterThanOrEqualTo(960);
        var status = server.withHeader("access_token", token).get("/v1/connection").json();
        assertThat(status.get("last_error").asString()).isEqualTo("oauth_error");
        assertThat(status.get("status").asString()).isEqualTo("active");
        FAKE.failWith = 0;

        await().atMost(Duration.ofSeconds(30)).until(() -> connection(token).credentialVersion() == 2);
        assertThat(jdbc.sql("select refresh_failures from connection where id = ?").param(id).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from event where org_id = ? and type = 'connection.refresh_failed'")
                .param(org.id()).query(Integer.class).single()).isEqualTo(1);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
