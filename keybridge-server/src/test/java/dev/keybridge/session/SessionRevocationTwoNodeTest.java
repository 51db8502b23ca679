package dev.keybridge.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one database: a session token revoked (or whose linked account is deleted) on one node
 * is refused by the other on its very next request, with no wait (nothing is cached per node).
 */
class SessionRevocationTwoNodeTest extends IntegrationTest {

    private static ConfigurableApplicationContext secondNode;

    @BeforeAll
    static void startSecondNode() {
        secondNode = startSecondNode(5, "--keybridge.webhooks.enabled=false", "--keybridge.refresh.enabled=false");
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    private Api second() {
        return new Api("http://127.0.0.1:" + ((WebServerApplicationContext) secondNode).getWebServer().getPort());
    }

    @Test
    void doesRefuseARevokedTokenOnTheOtherNodeAtTheNextRequest() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        String token = Sessions.token(server, "two-node");
        Api onSecond = Sessions.browser(second(), token);
        assertThat(onSecond.get("/api/v3/org/basics").status()).isEqualTo(200);

        assertThat(server.post("/api/v2/public/session-token/revoke", Map.of("token", token)).status()).isEqualTo(200);

        assertThat(onSecond.get("/api/v3/org/basics").status()).isEqualTo(401);
    }

    @Test
    void doesRefuseTheTokensOfAnAccountDeletedOnTheOtherNode() {
        TestOrganization org = newOrganization();
        String token = Sessions.token(org.test().withKey(api), "two-node-deleted");
        assertThat(Sessions.browser(api, token).get("/api/v3/org/basics").status()).isEqualTo(200);

        assertThat(org.test().withKey(second()).delete("/api/v2/public/linked-account/two-node-deleted").status())
                .isEqualTo(200);

        assertThat(Sessions.browser(api, token).get("/api/v3/org/basics").status()).isEqualTo(401);
    }
}
