package dev.keybridge.webhook;

import static dev.keybridge.webhook.Hooks.awaitQuietly;
import static dev.keybridge.webhook.Hooks.deliveryStatus;
import static dev.keybridge.webhook.Hooks.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.Receiver.Received;
import dev.keybridge.support.Receiver.Reply;
import dev.keybridge.support.TestOrganization;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deliveries that do not go through at once: retries on the schedule or after Retry-After (moved to
 * with the test clock), final answers, attempts that all fail, refused sends, and receivers that are
 * slow, huge or hold every send (the per-endpoint limit of sends in flight).
 */
class WebhookRetryTest extends IntegrationTest {

    private TestOrganization org;
    private Api server;
    private final Receiver receiver = new Receiver();

    @BeforeEach
    void organization() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    @AfterEach
    void stop() {
        receiver.close();
        clock.reset();
    }

    @Test
    void doesDeliverExactlyOnceMoreWhenTheReceiverFailsThenSucceeds() {
        List<Integer> answers = List.of(500, 502, 408, 200);
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> Reply.status(answers.get(Math.min(calls.getAndIncrement(), answers.size() - 1))));
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        Hooks.upsertAccount(server, "retry-1");

        eventually().until(() -> "succeeded".equals(deliveryStatus(server, endpointId)));
        List<Received> got = receiver.received();
        assertThat(got).extracting(Received::answered).containsExactly(500, 502, 408, 200);
        assertThat(got).extracting(r -> r.header("webhook-attempt")).containsExactly("1", "2", "3", "4");
        assertThat(got).extracting(Received::eventId).containsOnly(got.getFirst().eventId());
        assertThat(got).extracting(Received::body).containsOnly(got.getFirst().body());
        List<JsonNode> attempts = Hooks.attempts(server, endpointId, got.getFirst().eventId());
        assertThat(attempts).extracting(a -> a.get("status_code").asInt()).containsExactly(200, 408, 502, 500);
        assertThat(Hooks.deliveries(server, endpointId).getFirst().get("attempts").asInt()).isEqualTo(4);
    }

    @Test
    void doesWaitForRetryAfterWhenTheReceiverAnswers429() {
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> calls.getAndIncrement() == 0 ? Reply.status(429).header("Retry-After", "120") : Reply.status(200));
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        Hooks.upsertAccount(server, "ra-1");

        // "attempts" counts a claimed attempt still in flight; its row (and the delivery's next_attempt_at) comes
        // when it finishes, in one statement.
        eventually().until(() -> {
            List<JsonNode> deliveries = Hooks.deliveries(server, endpointId);
            return !deliveries.isEmpty()
                    && Hooks.attempts(server, endpointId, deliveries.getFirst().get("event_id").asString()).size() == 1;
        });
        JsonNode waiting = Hooks.deliveries(server, endpointId).getFirst();
        assertThat(waiting.get("status").asString()).isEqualTo("pending");
        Instant tried = Instant.parse(Hooks.attempts(server, endpointId, waiting.get("event_id").asString())
                .getFirst().get("started_at").asString());
        // The schedule alone would retry after about 200 ms.
        assertThat(Duration.between(tried, Instant.parse(waiting.get("next_attempt_at").asString())))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(120));

        clock.advance(Duration.ofSeconds(120));

        eventually().until(() -> "succeeded".equals(deliveryStatus(server, endpointId)));
        assertThat(receiver.received()).extracting(Received::answered).containsExactly(429, 200);
    }

    @Test
    void doesNotRetryWhenTheReceiverAnswers4xx() {
        receiver.answer(r -> Reply.status(400).body("{\"error\":\"bad\"}".getBytes()));
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        Hooks.upsertAccount(server, "4xx-1");

        eventually().until(() -> "failed".equals(deliveryStatus(server, endpointId)));
        assertThat(receiver.received()).hasSize(1);
        JsonNode delivery = Hooks.deliveries(server, endpointId).getFirst();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_status_code").asInt()).isEqualTo(400);
        JsonNode attempt = Hooks.attempts(server, endpointId, delivery.get("event_id").asString()).getFirst();
        assertThat(attempt.get("response_body_excerpt").asString()).isEqualTo("{\"error\":\"bad\"}");
    }

    @Test
    void doesMarkTheDeliveryFailedAndKeepItWhenEveryAttemptFails() {
        receiver.answer(r -> Reply.status(503));
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        Hooks.upsertAccount(server, "fail-1");

        eventually().until(() -> "failed".equals(deliveryStatus(server, endpointId)));
        // Five retries in the test schedule: six attempts.
        assertThat(receiver.received()).hasSize(6);
        JsonNode delivery = Hooks.deliveries(server, endpointId).getFirst();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(6);
        assertThat(delivery.get("completed_at").isNull()).isFalse();
        assertThat(Hooks.attempts(server, endpointId, delivery.get("event_id").asString())).hasSize(6);
    }

    @Test
    void doesNotSendWhenTheEnvelopeIsOverThePayloadLimit() {
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        jdbc.sql("insert into event (id, org_id, environment, type, data) values ('evt_big' || ?, ?, 'test', "
                        + "'linked_account.updated', jsonb_build_object('blob', repeat('x', 300000)))")
                .params(System.nanoTime(), org.id()).update();

        eventually().until(() -> "failed".equals(deliveryStatus(server, endpointId)));
        JsonNode delivery = Hooks.deliveries(server, endpointId).getFirst();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_error").asString()).startsWith("payload_too_large");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void doesRecordNetworkErrorsAndRetryWhenNothingListens() throws Exception {
        String url;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            url = "http://127.0.0.1:" + s.getLocalPort() + "/hook";
        }
        String endpointId = Hooks.createEndpoint(server, url).get("id").asString();

        Hooks.upsertAccount(server, "net-1");

        eventually().until(() -> "failed".equals(deliveryStatus(server, endpointId)));
        JsonNode delivery = Hooks.deliveries(server, endpointId).getFirst();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(6);
        assertThat(delivery.get("last_status_code").isNull()).isTrue();
        assertThat(delivery.get("last_error").asString()).isNotBlank();
    }

    @Test
    void doesKeepDeliveringToOthersWhenOneReceiverIsSlowAndAnotherHuge() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver slow = new Receiver(); Receiver huge = new Receiver()) {
            slow.answer(r -> Reply.status(200).after(() -> awaitQuietly(release, Duration.ofSeconds(30))));
            huge.answer(r -> Reply.status(200).body(new byte[5 * 1024 * 1024]));
            String slowId = Hooks.createEndpoint(server, slow.url()).get("id").asString();
            String hugeId = Hooks.createEndpoint(server, huge.url()).get("id").asString();
            Hooks.createEndpoint(server, receiver.url());

            Hooks.upsertAccount(server, "slow-1");

            eventually().until(() -> receiver.received().size() == 1 && "succeeded".equals(deliveryStatus(server, hugeId)));
            assertThat(release.getCount()).as("the slow receiver is still holding its request").isEqualTo(1);
            String eventId = receiver.received().getFirst().eventId();
            JsonNode hugeAttempt = Hooks.attempts(server, hugeId, eventId).getFirst();
            assertThat(hugeAttempt.get("response_body_excerpt").asString().getBytes()).hasSizeLessThanOrEqualTo(2048);
            eventually().until(() -> !Hooks.attempts(server, slowId, eventId).isEmpty());
            assertThat(Hooks.attempts(server, slowId, eventId).getFirst().get("error").asString()).startsWith("timeout");
            release.countDown();
            eventually().until(() -> "succeeded".equals(deliveryStatus(server, slowId)));
        } finally {
            release.countDown();
        }
    }

    @Test
    void doesLimitSendsInFlightPerEndpointWhenAReceiverIsSlow() {
        int events = 8;
        AtomicInteger arrived = new AtomicInteger();
        AtomicInteger current = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Semaphore gate = new Semaphore(0);
        receiver.answer(r -> {
            arrived.incrementAndGet();
            most.accumulateAndGet(current.incrementAndGet(), Math::max);
            return Reply.status(200).after(() -> {
                acquireQuietly(gate);
                current.decrementAndGet();
            });
        });
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        try {
            for (int i = 0; i < events; i++) {
                Hooks.upsertAccount(server, "cap-" + i);
            }
            // The receiver holds every send until the test lets one go, and lets one go only once as many
            // sends as the endpoint may have in flight are held: the test server allows 2 (its 32 workers
            // would take all 8 at once), and a send held here must answer within its 2 s timeout.
            for (int released = 0; released < events; released++) {
                int held = released;
                int mayBeInFlight = Math.min(2, events - released);
                eventually().until(() -> arrived.get() - held >= mayBeInFlight);
                assertThat(most.get()).as("sends in flight to one endpoint").isLessThanOrEqualTo(2);
                gate.release();
            }
        } finally {
            gate.release(events);
        }

        eventually().until(() -> receiver.received().size() == events);
        assertThat(most.get()).isEqualTo(2);
        eventually().until(() -> Hooks.deliveries(server, endpointId).stream()
                .allMatch(d -> d.get("status").asString().equals("succeeded")));
    }

    private static void acquireQuietly(Semaphore gate) {
        try {
            gate.tryAcquire(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
