package dev.keybridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seed-000 system's webhook calls (wire-formats §6) and the rule for several endpoints. */
class WebhookSeedCallsTest extends IntegrationTest {

    private static final String PATH = Hooks.PATH;

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    private static List<String> events(JsonNode endpoint) {
        List<String> out = new ArrayList<>();
        endpoint.get("webhook_events").forEach(e -> out.add(e.asString()));
        return out;
    }

    @Test
    void doesAcceptTheOriginalEventNamesAsAliasesAndShowUnderscoreId() {
        Api.Response r = server.post(PATH, Map.of("webhook_url", "https://hooks.example.invalid/seed",
                "webhook_events", List.of("Connection Created", "Connection Deleted", "Connection Expired")));

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(events(r.json())).containsExactly("connection.created", "connection.deleted", "access_token.login_required");
        assertThat(r.json().get("_id")).isEqualTo(r.json().get("id"));
        JsonNode listed = server.get(PATH).json().get("docs").get(0);
        assertThat(listed.get("_id").asString()).isEqualTo(r.json().get("id").asString());
    }

    @Test
    void doesRefuseTheWorkflowEventsClearly() {
        Api.Response r = server.post(PATH, Map.of("webhook_url", "https://hooks.example.invalid/wf",
                "webhook_events", List.of("Workflow Completed")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).isEqualTo("not_supported");
        assertThat(server.get(PATH).json().get("docs").size()).as("nothing written").isZero();
    }

    @Test
    void doesUpdateTheEndpointWithTheSameUrlInsteadOfCreatingASecond() {
        String url = "https://hooks.example.invalid/one";
        JsonNode first = Hooks.createEndpoint(server, url, "connection.created");
        Api.Response again = server.post(PATH, Map.of("webhook_url", url, "webhook_events", List.of("Connection Deleted"),
                "is_enabled", false));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.get("id"));
        assertThat(again.json().has("secret")).as("the secret is shown once, at creation").isFalse();
        assertThat(events(again.json())).containsExactly("connection.deleted");
        assertThat(again.json().get("is_enabled").asBoolean()).isFalse();
        assertThat(server.get(PATH).json().get("docs").size()).isEqualTo(1);
    }

    @Test
    void doesSubscribeUnsubscribeAndDeleteTheOnlyEndpoint() {
        Hooks.createEndpoint(server, "https://hooks.example.invalid/only", "connection.created");

        JsonNode sub = server.post(PATH + "/subscribe", Map.of("webhook_events", List.of("Connection Expired", "config.updated")))
                .json();
        assertThat(events(sub)).containsExactly("connection.created", "access_token.login_required", "config.updated");
        JsonNode unsub = server.post(PATH + "/unsubscribe", Map.of("webhook_event", "Connection Created")).json();
        assertThat(events(unsub)).containsExactly("access_token.login_required", "config.updated");

        assertThat(server.post(PATH + "/subscribe", Map.of("webhook_events", List.of("nope"))).status()).isEqualTo(400);
        assertThat(server.post(PATH + "/subscribe", Map.of("webhook_events", List.of())).status()).isEqualTo(400);
        assertThat(server.post(PATH + "/unsubscribe", Map.of("webhook_events", List.of("x"))).status()).isEqualTo(400);
        server.post(PATH + "/unsubscribe", Map.of("webhook_event", "config.updated"));
        assertThat(server.post(PATH + "/unsubscribe", Map.of("webhook_event", "access_token.login_required")).status())
                .as("would leave no events").isEqualTo(409);

        Api.Response deleted = server.delete(PATH);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("_id").asString()).startsWith("whe_");
        assertThat(server.delete(PATH).status()).isEqualTo(404);
        assertThat(server.post(PATH + "/subscribe", Map.of("webhook_events", List.of("connection.created"))).status())
                .isEqualTo(404);
    }

    @Test
    void doesAskWhichEndpointWhenThereAreSeveral() {
        String a = Hooks.createEndpoint(server, "https://hooks.example.invalid/a", "connection.created").get("id").asString();
        String b = Hooks.createEndpoint(server, "https://hooks.example.invalid/b", "connection.created").get("id").asString();

        Api.Response ambiguous = server.post(PATH + "/subscribe", Map.of("webhook_events", List.of("connection.deleted")));
        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(ambiguous.json().get("message").asString()).contains(a).contains(b);
        assertThat(server.delete(PATH).status()).isEqualTo(409);

        JsonNode named = server.post(PATH + "/subscribe", Map.of("webhook_events", List.of("connection.deleted"),
                "webhook_url", "https://hooks.example.invalid/b")).json();
        assertThat(named.get("id").asString()).isEqualTo(b);
        assertThat(events(server.get(PATH + "/" + a).json())).containsExactly("connection.created");
        assertThat(server.delete(PATH + "?webhook_url=https://hooks.example.invalid/a").json().get("id").asString()).isEqualTo(a);
        assertThat(server.get(PATH).json().get("docs").size()).isEqualTo(1);
    }

    @Test
    void doesKeepTheseCallsInsideTheirOrganizationAndEnvironment() {
        Hooks.createEndpoint(server, "https://hooks.example.invalid/mine", "connection.created");
        Api other = newOrganization().test().withKey(api);
        Api production = org.production().withKey(api);

        assertThat(other.delete(PATH).status()).isEqualTo(404);
        assertThat(production.post(PATH + "/subscribe", Map.of("webhook_events", List.of("connection.deleted"))).status())
                .isEqualTo(404);
        assertThat(other.post(PATH, Map.of("webhook_url", "https://hooks.example.invalid/mine")).status())
                .as("the same URL elsewhere is another endpoint").isEqualTo(201);
        assertThat(events(server.get(PATH).json().get("docs").get(0))).containsExactly("connection.created");
    }
}
