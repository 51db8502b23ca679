package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.sdk.event.EventData;
import dev.keybridge.sdk.event.EventTypes;
import dev.keybridge.sdk.model.WebhookEndpoint;
import dev.keybridge.sdk.param.LinkedAccountParams;
import dev.keybridge.sdk.param.WebhookEndpointParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import dev.keybridge.sdk.support.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real deliveries from the server parse into the SDK's typed events ({@link WebhookEvent#typedData()}). */
class WebhookEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KeybridgeServer server = KeybridgeServer.get();
    private final Keybridge keybridge = server.client(server.newOrganization());

    @Test
    void doesParseEachDeliveryIntoItsTypedEventWhenAnAccountAndItsConnectionComeAndGo() throws Exception {
        try (Receiver receiver = new Receiver()) {
            WebhookEndpoint endpoint = keybridge.webhookEndpoints().create(WebhookEndpointParams.builder()
                    .url(receiver.url()).build());
            keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("typed-1").build());
            keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("typed-1").name("Typed").build());
            String publicToken = keybridge.sandbox().createPublicToken("typed-1", "sandbox-ehr", null).publicToken();
            String accessToken = keybridge.linkTokens().exchange(publicToken).token();
            keybridge.sandbox().resetLogin(accessToken, "otp_expired");
            keybridge.linkedAccounts().delete("typed-1");

            receiver.await(r -> r.body().contains("\"linked_account.deleted\""), WAIT);
            List<WebhookEvent> events = receiver.received().stream()
                    .map(r -> Webhooks.verify(r.body(), r.headers(), endpoint.secret())).collect(Collectors.toList());

            assertThat(events).extracting(WebhookEvent::type).contains(EventTypes.LINKED_ACCOUNT_CREATED,
                    EventTypes.LINKED_ACCOUNT_UPDATED, EventTypes.CONNECTION_CREATED,
                    EventTypes.ACCESS_TOKEN_LOGIN_REQUIRED, EventTypes.CONNECTION_DELETED,
                    EventTypes.LINKED_ACCOUNT_DELETED);
            assertThat(events).allSatisfy(e -> assertThat(e.typedData()).as(e.type())
                    .isInstanceOf(EventTypes.payloadOf(e.type())).isNotInstanceOf(EventData.Unknown.class));
            EventData.LinkedAccountData updated = one(events, EventTypes.LINKED_ACCOUNT_UPDATED)
                    .dataAs(EventData.LinkedAccountData.class);
            assertThat(updated.account().accountId()).isEqualTo("typed-1");
            assertThat(updated.account().name()).isEqualTo("Typed");
            EventData.Connection created = one(events, EventTypes.CONNECTION_CREATED).dataAs(EventData.Connection.class);
            assertThat(created.app()).isEqualTo("sandbox-ehr");
            assertThat(created.linkedAccountId()).isEqualTo("typed-1");
            EventData.ConnectionHealth expired = one(events, EventTypes.ACCESS_TOKEN_LOGIN_REQUIRED)
                    .dataAs(EventData.ConnectionHealth.class);
            assertThat(expired.statusReason()).isEqualTo("otp_expired");
            EventData.ConnectionHealth deleted = one(events, EventTypes.CONNECTION_DELETED)
                    .dataAs(EventData.ConnectionHealth.class);
            assertThat(deleted.connectionId()).isEqualTo(created.connectionId());
            assertThat(deleted.statusReason()).isEqualTo("linked_account_deleted");
            assertThat(one(events, EventTypes.LINKED_ACCOUNT_DELETED).dataAs(EventData.LinkedAccountDeleted.class)
                    .accountId()).isEqualTo("typed-1");
        }
    }

    private static WebhookEvent one(List<WebhookEvent> events, String type) {
        List<WebhookEvent> of = events.stream().filter(e -> e.type().equals(type)).collect(Collectors.toList());
        assertThat(of).as(type).hasSize(1);
        return of.get(0);
    }
}
