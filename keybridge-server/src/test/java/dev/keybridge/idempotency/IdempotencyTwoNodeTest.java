package dev.keybridge.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two nodes on one database: one key acts once whichever node each request reaches. */
class IdempotencyTwoNodeTest extends IntegrationTest {

    private static ConfigurableApplicationContext secondNode;

    @BeforeAll
    static void startSecondNode() {
        secondNode = startSecondNode(5);
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void doesActOnceWhenRequestsWithOneKeyReachTwoNodesAtOnce() throws Exception {
        int secondPort = ((WebServerApplicationContext) secondNode).getWebServer().getPort();
        TestOrganization org = newOrganization();
        Api one = org.test().withKey(api).withHeader("Idempotency-Key", "two-nodes-1");
        Api two = org.test().withKey(new Api("http://127.0.0.1:" + secondPort)).withHeader("Idempotency-Key", "two-nodes-1");
        AtomicInteger turn = new AtomicInteger();
        Map<String, Object> body = Map.of("linked_account_id", "both", "name", "Both");

        List<Api.Response> answers = IdempotencyTest.concurrently(8,
                () -> (turn.getAndIncrement() % 2 == 0 ? one : two).post("/api/v2/public/linked-account", body));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(201));
        assertThat(answers).extracting(Api.Response::text).containsOnly(answers.getFirst().text());
        assertThat(answers).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
        int created = jdbc.sql("select count(*) from event where org_id = ? and type = 'linked_account.created'")
                .params(org.id()).query(Integer.class).single();
        assertThat(created).isEqualTo(1);
        // The answer stored by one node replays on the other (both share the master key).
        Api.Response later = two.post("/api/v2/public/linked-account", body);
        assertThat(later.text()).isEqualTo(answers.getFirst().text());
    }
}
