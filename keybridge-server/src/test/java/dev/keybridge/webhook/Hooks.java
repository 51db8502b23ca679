package dev.keybridge.webhook;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Small steps the webhook tests share: make endpoints, cause events, read the log. */
final class Hooks {

    static final String PATH = "/api/v2/public/webhook";

    private Hooks() {}

    /** Creates an enabled endpoint for {@code url}; returns the create answer (holding the secret). */
    static JsonNode createEndpoint(Api server, String url, String... events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("webhook_url", url);
        body.put("webhook_events", List.of(events));
        Api.Response r = server.post(PATH, body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    /** Upserts a linked account, which emits linked_account.created (or .updated). */
    static void upsertAccount(Api server, String id) {
        Api.Response r = server.put("/api/v2/public/linked-account", account(id).name("Name " + id).body());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** Waits for what the delivery loops do in the background (fan-out, sends, retries). */
    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    /** The status of the endpoint's newest delivery, or null when it has none yet. */
    static @Nullable String deliveryStatus(Api server, String endpointId) {
        List<JsonNode> d = deliveries(server, endpointId);
        return d.isEmpty() ? null : d.getFirst().get("status").asString();
    }

    /** A receiver's held answer: waits for {@code latch} at most {@code limit}, keeping an interrupt. */
    static void awaitQuietly(CountDownLatch latch, Duration limit) {
        try {
            latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<JsonNode> deliveries(Api server, String endpointId) {
        Api.Response r = server.get(PATH + "/" + endpointId + "/deliveries?limit=100");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return list(r.json().get("docs"));
    }

    static List<JsonNode> attempts(Api server, String endpointId, String eventId) {
        Api.Response r = server.get(PATH + "/" + endpointId + "/attempts?limit=100&event_id=" + eventId);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return list(r.json().get("docs"));
    }

    static List<JsonNode> list(JsonNode array) {
        ArrayList<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
