package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.keybridge.sdk.exception.ConflictException;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.exception.SignatureVerificationException;
import dev.keybridge.sdk.model.Delivery;
import dev.keybridge.sdk.model.DeliveryAttempt;
import dev.keybridge.sdk.model.Redelivery;
import dev.keybridge.sdk.model.WebhookEndpoint;
import dev.keybridge.sdk.param.DeliveryListParams;
import dev.keybridge.sdk.param.LinkedAccountParams;
import dev.keybridge.sdk.param.WebhookEndpointListParams;
import dev.keybridge.sdk.param.WebhookEndpointParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import dev.keybridge.sdk.support.Receiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Webhook endpoints, the delivery log, redelivery, replay and signature verification of real deliveries. */
class WebhookEndpointsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KeybridgeServer server = KeybridgeServer.get();
    private final Keybridge keybridge = server.client(server.newOrganization());

    @Test
    void doesVerifyRealDeliveriesBeforeDuringAndAfterASecretRotation() throws Exception {
        try (Receiver receiver = new Receiver()) {
            WebhookEndpoint endpoint = keybridge.webhookEndpoints().create(WebhookEndpointParams.builder()
                    .url(receiver.url()).events("linked_account.created").build());
            String oldSecret = endpoint.secret();
            assertThat(oldSecret).startsWith("whsec_");
            assertThat(endpoint.toString()).doesNotContain(oldSecret);

            keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("hook-1").build());
            Receiver.Received first = receiver.await(r -> r.body().contains("hook-1"), WAIT);
            WebhookEvent event = Webhooks.verify(first.body(), first.headers(), oldSecret);
            assertThat(event.type()).isEqualTo("linked_account.created");
            assertThat(Webhooks.verify(first.raw(), first.headers(), oldSecret)).as("the body in bytes, as received")
                    .isEqualTo(event);
            assertThat(event.data().path("account_id").asText()).isEqualTo("hook-1");
            assertThat(event.id()).isEqualTo(first.headers().get("Webhook-id").get(0));

            WebhookEndpoint rotated = keybridge.webhookEndpoints().rotateSecret(endpoint.id());
            String newSecret = rotated.secret();
            assertThat(newSecret).isNotEqualTo(oldSecret);
            assertThat(rotated.previousSecretExpiresAt()).as("the old secret stays valid for a while")
                    .isAfter(event.created());

            keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("hook-2").build());
            Receiver.Received during = receiver.await(r -> r.body().contains("hook-2"), WAIT);
            // During the overlap the delivery carries both signatures: either secret alone verifies it.
            assertThat(Webhooks.verify(during.body(), during.headers(), oldSecret).data().path("account_id").asText())
                    .isEqualTo("hook-2");
            assertThat(Webhooks.verify(during.body(), during.headers(), newSecret).id()).isNotBlank();
            assertThat(Webhooks.verifier().secrets(newSecret, oldSecret).build().verify(during.body(), during.headers()).id())
                    .isNotBlank();
            assertThatThrownBy(() -> Webhooks.verify(first.body(), first.headers(), newSecret))
                    .as("a delivery signed before the rotation does not verify with the new secret alone")
                    .isInstanceOf(SignatureVerificationException.class);
            assertThatThrownBy(() -> Webhooks.verify(during.body().replace("hook-2", "hook-X"), during.headers(), newSecret))
                    .isInstanceOf(SignatureVerificationException.class);
        }
    }

    @Test
    void doesManageEndpointsAndPageTheDeliveryLogWhenEventsAreDelivered() throws Exception {
        try (Receiver receiver = new Receiver()) {
            WebhookEndpoint endpoint = keybridge.webhookEndpoints().create(WebhookEndpointParams.builder()
                    .url(receiver.url()).build());
            for (int i = 0; i < 5; i++) {
                keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("log-" + i).build());
            }
            receiver.await(r -> receiver.received().size() >= 5, WAIT);
            waitFor(() -> keybridge.webhookEndpoints().deliveries(endpoint.id(), DeliveryListParams.builder().status("succeeded")
                    .build()).autoPagingStream().count() == 5);

            List<Delivery> all = keybridge.webhookEndpoints().deliveries(endpoint.id(),
                    DeliveryListParams.builder().limit(2).build()).autoPagingStream().collect(Collectors.toList());
            assertThat(all).hasSize(5).extracting(Delivery::id).doesNotHaveDuplicates();
            assertThat(all).allSatisfy(d -> assertThat(d.status()).isEqualTo("succeeded"));

            String eventId = all.get(0).eventId();
            List<DeliveryAttempt> attempts = keybridge.webhookEndpoints().attempts(endpoint.id(),
                    DeliveryListParams.builder().eventId(eventId).build()).data();
            assertThat(attempts).singleElement().satisfies(a -> assertThat(a.statusCode()).isEqualTo(200));

            Redelivery again = keybridge.webhookEndpoints().redeliver(endpoint.id(), eventId);
            assertThat(again.eventId()).isEqualTo(eventId);
            receiver.await(r -> receiver.received().stream()
                    .filter(x -> x.headers().get("Webhook-id").get(0).equals(eventId)).count() == 2, WAIT);

            assertThat(keybridge.webhookEndpoints().replay(endpoint.id(), Instant.EPOCH).deliveries())
                    .as("every event of this test's organization").isEqualTo(5);

            WebhookEndpoint disabled = keybridge.webhookEndpoints().update(endpoint.id(),
                    WebhookEndpointParams.builder().enabled(false).build());
            assertThat(disabled.isEnabled()).isFalse();
            assertThat(disabled.webhookUrl()).isEqualTo(receiver.url());
            assertThat(keybridge.webhookEndpoints().retrieve(endpoint.id()).secret()).isNull();
            assertThat(keybridge.webhookEndpoints().list().data()).extracting(WebhookEndpoint::id).containsExactly(endpoint.id());
            assertThat(keybridge.webhookEndpoints().delete(endpoint.id()).success()).isTrue();
            assertThatThrownBy(() -> keybridge.webhookEndpoints().retrieve(endpoint.id())).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void doesStartTheEndpointListingAfterASavedCursorWithItsPageSize() throws Exception {
        for (int i = 0; i < 5; i++) {
            keybridge.webhookEndpoints().create(WebhookEndpointParams.builder().url("https://hooks.example.com/" + i).build());
        }
        Page<WebhookEndpoint> first = keybridge.webhookEndpoints().list(WebhookEndpointListParams.builder().limit(2).build());
        assertThat(first.data()).hasSize(2);
        List<String> all = first.autoPagingStream().map(WebhookEndpoint::id).collect(Collectors.toList());
        assertThat(all).hasSize(5).doesNotHaveDuplicates();

        Page<WebhookEndpoint> resumed = keybridge.webhookEndpoints().list(WebhookEndpointListParams.builder().limit(2)
                .cursor(first.nextCursor()).build());

        assertThat(resumed.data()).extracting(WebhookEndpoint::id).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(resumed.autoPagingStream().map(WebhookEndpoint::id)).containsExactlyElementsOf(all.subList(2, 5));
        assertThatThrownBy(() -> keybridge.webhookEndpoints().list(WebhookEndpointListParams.builder().limit(0).build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void doesSubscribeUnsubscribeAndDeleteTheOnlyEndpointWhenNoUrlIsNamed() {
        WebhookEndpoint made = keybridge.webhookEndpoints().create(WebhookEndpointParams.builder()
                .url("https://hooks.example.com/only").events("connection.created").build());

        WebhookEndpoint more = keybridge.webhookSubscriptions().subscribe(null, List.of("Connection Deleted",
                "access_token.login_required"));
        assertThat(more.id()).isEqualTo(made.id());
        assertThat(more.webhookEvents()).contains("connection.created", "connection.deleted", "access_token.login_required");

        WebhookEndpoint fewer = keybridge.webhookSubscriptions().unsubscribe(null, "connection.created");
        assertThat(fewer.webhookEvents()).doesNotContain("connection.created").contains("connection.deleted");

        WebhookEndpoint same = keybridge.webhookEndpoints().create(WebhookEndpointParams.builder()
                .url("https://hooks.example.com/only").enabled(false).build());
        assertThat(same.id()).as("create with a known URL updates it").isEqualTo(made.id());
        assertThat(same.secret()).isNull();
        assertThat(same.isEnabled()).isFalse();

        keybridge.webhookEndpoints().create(WebhookEndpointParams.builder().url("https://hooks.example.com/second").build());
        assertThatThrownBy(() -> keybridge.webhookSubscriptions().unsubscribe(null, "connection.deleted"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.error()).isEqualTo("several_webhook_endpoints"));
        assertThat(keybridge.webhookSubscriptions().subscribe("https://hooks.example.com/only", List.of("connection.created"))
                .webhookEvents()).contains("connection.created");

        assertThat(keybridge.webhookSubscriptions().deleteByUrl("https://hooks.example.com/only").id()).isEqualTo(made.id());
        assertThat(keybridge.webhookSubscriptions().deleteByUrl(null).success()).as("the only one left").isTrue();
        assertThatThrownBy(() -> keybridge.webhookSubscriptions().deleteByUrl(null))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.error()).isEqualTo("webhook_not_found"));
    }

    private static void waitFor(BooleanSupplier condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }
}
