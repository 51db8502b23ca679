package dev.keybridge.webhook;

import static dev.keybridge.webhook.Hooks.awaitQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import dev.keybridge.support.NodeProcess;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.Receiver.Received;
import dev.keybridge.support.Receiver.Reply;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL while deliveries are in flight and pending, then a node restarted on
 * the same database: every event is delivered. Runs its own nodes on a database of its own, so the
 * shared test server's workers cannot deliver in its place.
 */
class WebhookCrashRecoveryTest {

    private static final int EVENTS = 20;
    private static final Map<String, String> SETTINGS = Map.of(
            "keybridge.webhooks.workers", "2",
            "keybridge.webhooks.timeout", "3s",
            "keybridge.webhooks.lease", "8s",
            "keybridge.webhooks.poll-interval", "100ms",
            "keybridge.webhooks.retry-schedule", "200ms,200ms,300ms,300ms,500ms");

    @Test
    void doesDeliverEveryEventWhenANodeIsKilledMidDeliveryAndRestarted() throws Exception {
        String databaseUrl = TestDatabase.get().createDatabase();
        Path dataDir = Files.createTempDirectory("keybridge-crash-");
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver receiver = new Receiver()) {
            receiver.answer(r -> Reply.status(200).after(() -> awaitQuietly(release, Duration.ofSeconds(60))));
            TestOrganization org;
            try (NodeProcess first = NodeProcess.start("crash-node-1", databaseUrl, dataDir, SETTINGS)) {
                org = first.newOrganization();
                Api server = org.test().withKey(first.api());
                Hooks.createEndpoint(server, receiver.url());
                for (int i = 0; i < EVENTS; i++) {
                    Hooks.upsertAccount(server, "crash-" + i);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.arrivals() >= 1);
                first.kill();
            }
            assertThat(count(databaseUrl, "select count(*) from webhook_delivery where org_id = ? "
                    + "and status = 'pending' and lease_owner is not null", org.id()))
                    .as("deliveries were in flight when the node died").isPositive();
            int arrivedBeforeRestart = receiver.arrivals();
            release.countDown();

            try (NodeProcess second = NodeProcess.start("crash-node-2", databaseUrl, dataDir, SETTINGS)) {
                List<String> events = eventIds(databaseUrl, org.id());
                assertThat(events).hasSize(EVENTS);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                        receiver.received().stream().filter(r -> r.arrival() > arrivedBeforeRestart).map(Received::eventId)
                                .collect(Collectors.toSet()).containsAll(events));
                await().atMost(Duration.ofSeconds(30)).until(() -> deliveryStatuses(databaseUrl, org.id())
                        .equals(Map.of("succeeded", (long) EVENTS)));
            }
        } finally {
            release.countDown();
        }
    }

    private static List<String> eventIds(String url, String orgId) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement("select id from event where org_id = ? order by seq")) {
            s.setString(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static long count(String url, String sql, String orgId) throws Exception {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Long> deliveryStatuses(String url, String orgId) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement(
                     "select status, count(*) from webhook_delivery where org_id = ? group by status")) {
            s.setString(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}
