package dev.keybridge.webhook;

import static dev.keybridge.webhook.Hooks.PATH;
import static dev.keybridge.webhook.Hooks.deliveryStatus;
import static dev.keybridge.webhook.Hooks.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.Receiver.Received;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.web.Timestamps;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deliveries that go through: the signature (also across a secret rotation), event filters, disabled
 * endpoints, redelivery and replay, the delivery log, isolation between organizations, and the
 * private-address check at send time. Retries and slow receivers: {@link WebhookRetryTest}.
 */
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

    @Test
    void doesSignWithTheStandardWebhooksSchemeWhenDelivering() throws Exception {
        JsonNode endpoint = Hooks.createEndpoint(server, receiver.url());

        Hooks.upsertAccount(server, "sig-1");

        eventually().until(() -> receiver.received().size() == 1);
        Received r = receiver.received().getFirst();
        new Webhook(endpoint.get("secret").asString()).verify(r.body(), r.headers());
        assertThatThrownBy(() -> new Webhook("whsec_" + Base64.getEncoder().encodeToString(new byte[32]))
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
        jdbc.sql("update webhook_endpoint set previous_secret_expires_at = ? where id = ?")
                .params(Timestamp.from(clock.instant().minusSeconds(1)), id).update();

        Hooks.upsertAccount(server, "rot-2");

        eventually().until(() -> receiver.received().size() == 1);
        Received r = receiver.received().getFirst();
        assertThat(r.header("webhook-signature").split(" ")).hasSize(1);
        new Webhook(newSecret).verify(r.body(), r.headers());
        assertThatThrownBy(() -> new Webhook(endpoint.get("secret").asString()).verify(r.body(), r.headers()))
                .isInstanceOf(WebhookVerificationException.class);
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
        Instant before = clock.instant().minusSeconds(1);
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
                Map.of("since", Timestamps.format(before)));
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

        Set<String> seen = new HashSet<>();
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

        eventually().until(() -> "failed".equals(deliveryStatus(production, endpointId)));
        JsonNode delivery = Hooks.deliveries(production, endpointId).getFirst();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_error").asString()).startsWith("url_refused");
        assertThat(receiver.received()).isEmpty();
    }
}
