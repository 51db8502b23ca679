package dev.keybridge.webhook;

import static dev.keybridge.webhook.Hooks.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.Receiver.Received;
import dev.keybridge.support.Receiver.Reply;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookDeliveryTest extends IntegrationTest {

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
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    @Test
    void doesSignWithTheStandardWebhooksSchemeWhenDelivering() throws Exception {
        JsonNode endpoint = Hooks.createEndpoint(server, receiver.url());

        Hooks.upsertAccount(server, "sig-1");

        eventually().until(() -> receiver.received().size() == 1);
        Received r = receiver.received().getFirst();
        new Webhook(endpoint.get("secret").asString()).verify(r.body(), r.headers());
        assertThatThrownBy(() -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))
                .verify(r.body(), r.headers())).isInstanceOf(WebhookVerificationException.class);
        JsonNode body = Api.JSON.readTree(r.body());
        assertThat(body.propertyNames()).containsExactly("id", "object", "created", "type", "environment", "data");
        assertThat(body.get("id").asString()).matches("evt_[0-9a-f]{24}").isEqualTo(r.eventId());
        assertThat(body.get("object").asString()).isEqualTo("event");
        assertThat(body.get("type").asString()).isEqualTo("linked_account.created");
        assertThat(body.get("environment").asString()).isEqualTo("test");
        assertThat(body.get("data").get("account_id").asString()).isEqualTo("sig-1");
        assertThat(r.header("webhook-attempt")).isEqualTo("1");
        assertThat(r.header("content-type")).isEqualTo("application/json");
        String endpointId = endpoint.get("id").asString();
        eventually().until(() -> "succeeded".equals(Hooks.deliveries(server, endpointId).getFirst().get("status").asString()));
        JsonNode attempt = Hooks.attempts(server, endpointId, r.eventId()).getFirst();
        assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
        assertThat(attempt.get("latency_ms").asInt()).isNotNegative();
        assertThat(attempt.get("error").isNull()).isTrue();
    }

    @Test
    void doesSignWithBothSecretsWhenRotatedWithinTheOverlap() throws Exception {
        JsonNode endpoint = Hooks.createEndpoint(server, receiver.url());
        String oldSecret = endpoint.get("secret").asString();
        String newSecret = server.post(PATH + "/" + endpoint.get("id").asString() + "/rotate-secret", Map.of())
                .json().get("secret").asString();

        Hooks.upsertAccount(server, "rot-1");

        eventually().until(() -> receiver.received().size() == 1);
        Received r = receiver.received().getFirst();
        assertThat(r.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        new Webhook(oldSecret).verify(r.body(), r.headers());
        new Webhook(newSecret).verify(r.body(), r.headers());
    }

    @Test
    void doesSignWithTheNewSecretOnlyWhenTheOverlapHasPassed() throws Exception {
        JsonNode endpoint = Hooks.createEndpoint(server, receiver.url());
        String id = endpoint.get("id").asString();
        String newSecret = server.post(PATH + "/" + id + "/rotate-secret", Map.of()).json().get("secret").asString();
        jdbc.sql("update webhook_endpoint set previous_secret_expires_at = now() - interval '1 second' where id = ?")
                .param(id).update();

        Hooks.upsertAccount(server, "rot-2");

        eventually().until(() -> receiver.received().size() == 1);
        Received r = receiver.received().getFirst();
        assertThat(r.header("webhook-signature").split(" ")).hasSize(1);
        new Webhook(newSecret).verify(r.body(), r.headers());
        assertThatThrownBy(() -> new Webhook(endpoint.get("secret").asString()).verify(r.body(), r.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void doesDeliverExactlyOnceMoreWhenTheReceiverFailsThenSucceeds() {
        List<Integer> answers = List.of(500, 502, 408, 200);
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> Reply.status(answers.get(Math.min(calls.getAndIncrement(), answers.size() - 1))));
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        Hooks.upsertAccount(server, "retry-1");

        eventually().until(() -> "succeeded".equals(status(endpointId)));
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
        receiver.answer(r -> calls.getAndIncrement() == 0 ? Reply.status(429).header("Retry-After", "2") : Reply.status(200));
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        Hooks.upsertAccount(server, "ra-1");

        eventually().until(() -> "succeeded".equals(status(endpointId)));
        List<Received> got = receiver.received();
        assertThat(got).extracting(Received::answered).containsExactly(429, 200);
        // The schedule alone would retry after about 200 ms.
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
    }

    @Test
    void doesNotRetryWhenTheReceiverAnswers4xx() {
        receiver.answer(r -> Reply.status(400).body("{\"error\":\"bad\"}".getBytes()));
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        Hooks.upsertAccount(server, "4xx-1");

        eventually().until(() -> "failed".equals(status(endpointId)));
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

        eventually().until(() -> "failed".equals(status(endpointId)));
        // Five retries in the test schedule: six attempts.
        assertThat(receiver.received()).hasSize(6);
        JsonNode delivery = Hooks.deliveries(server, endpointId).getFirst();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(6);
        assertThat(delivery.get("completed_at").isNull()).isFalse();
        assertThat(Hooks.attempts(server, endpointId, delivery.get("event_id").asString())).hasSize(6);
    }

    @Test
    void doesRecordNetworkErrorsAndRetryWhenNothingListens() throws Exception {
        String url;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            url = "http://127.0.0.1:" + s.getLocalPort() + "/hook";
        }
        String endpointId = Hooks.createEndpoint(server, url).get("id").asString();

        Hooks.upsertAccount(server, "net-1");

        eventually().until(() -> "failed".equals(status(endpointId)));
        JsonNode delivery = Hooks.deliveries(server, endpointId).getFirst();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(6);
        assertThat(delivery.get("last_status_code").isNull()).isTrue();
        assertThat(delivery.get("last_error").asString()).isNotBlank();
    }

    @Test
    void doesKeepDeliveringToOthersWhenOneReceiverIsSlowAndAnotherHuge() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver slow = new Receiver(); Receiver huge = new Receiver()) {
            slow.answer(r -> Reply.status(200).after(() -> awaitQuietly(release)));
            huge.answer(r -> Reply.status(200).body(new byte[5 * 1024 * 1024]));
            String slowId = Hooks.createEndpoint(server, slow.url()).get("id").asString();
            String hugeId = Hooks.createEndpoint(server, huge.url()).get("id").asString();
            Hooks.createEndpoint(server, receiver.url());

            Hooks.upsertAccount(server, "slow-1");

            eventually().until(() -> receiver.received().size() == 1 && "succeeded".equals(status(hugeId)));
            assertThat(release.getCount()).as("the slow receiver is still holding its request").isEqualTo(1);
            String eventId = receiver.received().getFirst().eventId();
            JsonNode hugeAttempt = Hooks.attempts(server, hugeId, eventId).getFirst();
            assertThat(hugeAttempt.get("response_body_excerpt").asString().getBytes()).hasSizeLessThanOrEqualTo(2048);
            eventually().until(() -> !Hooks.attempts(server, slowId, eventId).isEmpty());
            assertThat(Hooks.attempts(server, slowId, eventId).getFirst().get("error").asString()).startsWith("timeout");
            release.countDown();
            eventually().until(() -> "succeeded".equals(status(slowId)));
        } finally {
            release.countDown();
        }
    }

    @Test
    void doesLimitSendsInFlightPerEndpointWhenAReceiverIsSlow() {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        receiver.answer(r -> {
            most.accumulateAndGet(current.incrementAndGet(), Math::max);
            return Reply.status(200).after(() -> {
                sleepQuietly(150);
                current.decrementAndGet();
            });
        });
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();

        for (int i = 0; i < 8; i++) {
            Hooks.upsertAccount(server, "cap-" + i);
        }

        eventually().until(() -> receiver.received().size() == 8);
        // The test server allows 2 sends in flight per endpoint; its 32 workers would take all 8 at once.
        assertThat(most.get()).isBetween(1, 2);
        eventually().until(() -> Hooks.deliveries(server, endpointId).stream()
                .allMatch(d -> d.get("status").asString().equals("succeeded")));
    }

    @Test
    void doesOnlyDeliverMatchingTypesWhenTheEndpointFilters() {
        Hooks.createEndpoint(server, receiver.url(), "linked_account.deleted");

        Hooks.upsertAccount(server, "filter-1");
        assertThat(server.delete("/api/v2/public/linked-account/filter-1").status()).isEqualTo(200);

        eventually().until(() -> receiver.received().size() == 1);
        assertThat(Api.JSON.readTree(receiver.received().getFirst().body()).get("type").asString())
                .isEqualTo("linked_account.deleted");
    }

    @Test
    void doesSendNothingWhenTheEndpointIsDisabled() {
        try (Receiver off = new Receiver()) {
            String offId = Hooks.createEndpoint(server, off.url()).get("id").asString();
            server.send("PATCH", PATH + "/" + offId, Map.of("is_enabled", false));
            Hooks.createEndpoint(server, receiver.url());

            Hooks.upsertAccount(server, "off-1");

            eventually().until(() -> receiver.received().size() == 1);
            assertThat(Hooks.deliveries(server, offId)).isEmpty();
            assertThat(off.received()).isEmpty();
        }
    }

    @Test
    void doesSendAgainWhenRedeliveringOrReplaying() {
        Instant before = Instant.now().minusSeconds(1);
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();
        for (int i = 0; i < 3; i++) {
            Hooks.upsertAccount(server, "again-" + i);
        }
        eventually().until(() -> receiver.received().size() == 3);
        String first = receiver.received().getFirst().eventId();

        Api.Response redelivered = server.post(PATH + "/" + endpointId + "/redeliver", Map.of("event_id", first));
        assertThat(redelivered.status()).as(redelivered.text()).isEqualTo(202);
        eventually().until(() -> receiver.received().size() == 4);
        assertThat(receiver.received().get(3).eventId()).isEqualTo(first);

        Api.Response replayed = server.post(PATH + "/" + endpointId + "/replay",
                Map.of("since", dev.keybridge.web.Timestamps.format(before)));
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(202);
        assertThat(replayed.json().get("deliveries").asInt()).isEqualTo(3);
        eventually().until(() -> receiver.received().size() == 7);
        assertThat(receiver.receivedFor(first)).hasSize(3);
        assertThat(Hooks.deliveries(server, endpointId)).hasSize(7);

        assertThat(server.post(PATH + "/" + endpointId + "/redeliver", Map.of("event_id", "evt_nope")).status())
                .isEqualTo(404);
        Api other = newOrganization().test().withKey(api);
        String otherEndpoint = Hooks.createEndpoint(other, "https://x.example.invalid/").get("id").asString();
        assertThat(other.post(PATH + "/" + otherEndpoint + "/redeliver", Map.of("event_id", first)).status())
                .as("another organization's event").isEqualTo(404);
        assertThat(server.post(PATH + "/" + endpointId + "/replay", Map.of("since", "yesterday")).status())
                .isEqualTo(400);
    }

    @Test
    void doesPageTheDeliveryLogWhenFollowingCursors() {
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();
        for (int i = 0; i < 5; i++) {
            Hooks.upsertAccount(server, "page-" + i);
        }
        eventually().until(() -> receiver.received().size() == 5);

        java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = "";
        while (cursor != null) {
            JsonNode page = server.get(PATH + "/" + endpointId + "/deliveries?limit=2&cursor=" + cursor).json();
            page.get("docs").forEach(d -> seen.add(d.get("event_id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        }
        assertThat(seen).hasSize(5);
        assertThat(server.get(PATH + "/" + endpointId + "/deliveries?status=weird").status()).isEqualTo(400);
    }

    @Test
    void doesKeepEventsInsideTheirOrganizationAndEnvironment() {
        try (Receiver otherReceiver = new Receiver()) {
            Api other = newOrganization().test().withKey(api);
            String otherId = Hooks.createEndpoint(other, otherReceiver.url()).get("id").asString();
            Api production = org.production().withKey(api);
            String productionId = Hooks.createEndpoint(production, "https://prod.example.invalid/hook").get("id").asString();
            Hooks.createEndpoint(server, receiver.url());

            Hooks.upsertAccount(server, "iso-1");

            eventually().until(() -> receiver.received().size() == 1);
            assertThat(Hooks.deliveries(other, otherId)).isEmpty();
            assertThat(otherReceiver.received()).isEmpty();
            assertThat(Hooks.deliveries(production, productionId)).as("test events never reach production").isEmpty();

            Hooks.upsertAccount(production, "iso-prod");

            eventually().until(() -> Hooks.deliveries(production, productionId).size() == 1);
            assertThat(Hooks.deliveries(production, productionId).getFirst().get("event_type").asString())
                    .isEqualTo("linked_account.created");
            assertThat(receiver.received()).as("production events never reach test endpoints").hasSize(1);
        }
    }

    @Test
    void doesRefuseToSendWhenAProductionUrlResolvesPrivatelyAtSendTime() {
        Api production = org.production().withKey(api);
        String endpointId = Hooks.createEndpoint(production, "https://prod.example.invalid/hook").get("id").asString();
        // As if DNS changed after the check at save time.
        jdbc.sql("update webhook_endpoint set url = ? where id = ?").params(receiver.url(), endpointId).update();

        Hooks.upsertAccount(production, "ssrf-1");

        eventually().until(() -> "failed".equals(status(production, endpointId)));
        JsonNode delivery = Hooks.deliveries(production, endpointId).getFirst();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_error").asString()).startsWith("url_refused");
        assertThat(receiver.received()).isEmpty();
    }

    private String status(String endpointId) {
        return status(server, endpointId);
    }

    private static String status(Api server, String endpointId) {
        List<JsonNode> d = Hooks.deliveries(server, endpointId);
        return d.isEmpty() ? null : d.getFirst().get("status").asString();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
