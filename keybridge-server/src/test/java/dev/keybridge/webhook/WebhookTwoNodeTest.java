package dev.keybridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.Receiver.Received;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two server nodes on one database, both fanning out and delivering: each event arrives once. */
class WebhookTwoNodeTest extends IntegrationTest {

    private static final int EVENTS = 200;
    private static ConfigurableApplicationContext secondNode;

    @BeforeAll
    static void startSecondNode() {
        secondNode = startSecondNode(10);
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void doesDeliverEachEventExactlyOnceWhenTwoNodesShareTheDatabase() {
        int secondPort = ((WebServerApplicationContext) secondNode).getWebServer().getPort();
        TestOrganization org = newOrganization();
        Api one = org.test().withKey(api);
        Api two = org.test().withKey(new Api("http://127.0.0.1:" + secondPort));
        try (Receiver receiver = new Receiver()) {
            String endpointId = Hooks.createEndpoint(one, receiver.url()).get("id").asString();

            for (int i = 0; i < EVENTS; i++) {
                Hooks.upsertAccount(i % 2 == 0 ? one : two, "two-" + i);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= EVENTS
                    && jdbc.sql("select count(*) from webhook_delivery where endpoint_id = ? and status = 'succeeded'")
                    .param(endpointId).query(Long.class).single() == EVENTS);
            Map<String, Long> perEvent = receiver.received().stream()
                    .collect(Collectors.groupingBy(Received::eventId, Collectors.counting()));
            assertThat(perEvent).hasSize(EVENTS);
            assertThat(perEvent.values()).containsOnly(1L);
            assertThat(receiver.received()).hasSize(EVENTS);
            List<String> nodes = jdbc.sql("select distinct node from webhook_attempt where endpoint_id = ?")
                    .param(endpointId).query(String.class).list();
            LoggerFactory.getLogger(getClass()).info("Deliveries were sent by {} node(s): {}", nodes.size(), nodes);
        }
    }
}
