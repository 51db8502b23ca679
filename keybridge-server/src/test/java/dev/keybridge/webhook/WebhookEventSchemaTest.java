package dev.keybridge.webhook;

import static dev.keybridge.webhook.Hooks.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.events.EventType;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.support.WebhookContract;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document's {@code webhooks} section is the contract of what receivers get: every
 * {@link EventType} has its entry (its {@code data} the payload record's schema), and real deliveries over
 * HTTP of every type a test can cause validate against it ({@link WebhookContract}; every other test's
 * {@link Receiver} checks its deliveries too). Deleting a linked account sends {@code connection.deleted}
 * for each connection it removes.
 */
class WebhookEventSchemaTest extends IntegrationTest {

    @Autowired
    WebhookConsole console;

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
    void doesListEveryEventTypeWithItsPayloadSchemaWhenTheDocumentIsRead() throws Exception {
        JsonNode webhooks = Api.JSON.readTree(Files.readString(Path.of("..", "docs", "openapi.json"),
                StandardCharsets.UTF_8)).get("webhooks");
        assertThat(WebhookContract.documentedTypes())
                .containsExactlyInAnyOrderElementsOf(EventType.values().stream().map(EventType::wire).toList());
        for (EventType<?> type : EventType.values()) {
            String schema = WebhookDocument.payloadRecord(type).getAnnotation(Schema.class).name();
            assertThat(webhooks.at("/" + type.wire().replace("/", "~1")
                    + "/post/requestBody/content/application~1json/schema/properties/data/$ref").asString())
                    .as(type.wire()).isEqualTo("#/components/schemas/" + schema);
        }
    }

    @Test
    void doesDeliverEveryEventTypeInTheShapeTheDocumentGivesWhenEachIsCaused() {
        String endpointId = Hooks.createEndpoint(server, receiver.url()).get("id").asString();
        Hooks.upsertAccount(server, "schema-1");
        Hooks.upsertAccount(server, "schema-1");
        server.put("/api/v2/public/linked-account", Map.of("linked_account_id", "schema-1", "name", "Renamed"));
        String token = connect("schema-1", "sandbox-keys");
        assertThat(server.post("/sandbox/connection/reset_login", Map.of("access_token", token)).status()).isEqualTo(200);
        assertThat(server.withHeader("access_token", token).delete("/v1/connection").status()).isEqualTo(200);
        connect("schema-1", "sandbox-keys");
        configEvents();
        console.sendTest(Caller.operator(org.id(), Environment.TEST, "op_schema"), endpointId);
        assertThat(server.delete("/api/v2/public/linked-account/schema-1").status()).isEqualTo(200);

        Set<String> caused = Set.of("linked_account.created", "linked_account.updated", "linked_account.deleted",
                "connection.created", "access_token.login_required", "connection.deleted", "config.updated",
                "config.deleted", "webhook.test");
        eventually().until(() -> types().containsAll(caused));
        assertThat(receiver.contractProblems()).isEmpty();
    }

    @Test
    void doesFindAProblemWhenADeliveryBreaksItsEntry() {
        Hooks.createEndpoint(server, receiver.url());
        Hooks.upsertAccount(server, "schema-2");
        eventually().until(() -> receiver.received().size() == 1);
        Receiver.Received r = receiver.received().getFirst();

        ObjectNode missing = (ObjectNode) Api.JSON.readTree(r.body());
        ((ObjectNode) missing.get("data")).remove("name");
        ObjectNode extra = (ObjectNode) Api.JSON.readTree(r.body());
        ((ObjectNode) extra.get("data")).put("surprise", 1);
        ObjectNode unknown = (ObjectNode) Api.JSON.readTree(r.body());
        unknown.put("type", "linked_account.exploded");
        Map<String, List<String>> unsigned = new HashMap<>(r.headers());
        unsigned.remove("webhook-signature");

        assertThat(WebhookContract.problems(r.headers(), r.body())).isEmpty();
        assertThat(WebhookContract.problems(r.headers(), missing.toString())).isNotEmpty();
        assertThat(WebhookContract.problems(r.headers(), extra.toString())).isNotEmpty();
        assertThat(WebhookContract.problems(r.headers(), unknown.toString())).singleElement().asString()
                .contains("no entry in the webhooks section");
        assertThat(WebhookContract.problems(unsigned, r.body())).isNotEmpty();
    }

    @Test
    void doesSendConnectionDeletedForEachConnectionWhenItsLinkedAccountIsDeleted() {
        Hooks.createEndpoint(server, receiver.url(), "connection.deleted", "linked_account.deleted");
        Hooks.upsertAccount(server, "gone-1");
        String disconnectedEarlier = connect("gone-1", "sandbox-keys");
        assertThat(server.withHeader("access_token", disconnectedEarlier).delete("/v1/connection").status()).isEqualTo(200);
        eventually().until(() -> events("connection.deleted").size() == 1);
        connect("gone-1", "sandbox-keys");
        connect("gone-1", "sandbox-ehr");
        Hooks.upsertAccount(server, "kept-1");
        connect("kept-1", "sandbox-keys");

        assertThat(server.delete("/api/v2/public/linked-account/gone-1").status()).isEqualTo(200);

        eventually().until(() -> events("connection.deleted").size() == 3 && events("linked_account.deleted").size() == 1);
        List<JsonNode> deleted = events("connection.deleted").subList(1, 3);
        assertThat(deleted).extracting(e -> e.at("/data/app").asString())
                .containsExactlyInAnyOrder("sandbox-keys", "sandbox-ehr");
        assertThat(deleted).allSatisfy(e -> {
            assertThat(e.at("/data/linked_account_id").asString()).isEqualTo("gone-1");
            assertThat(e.at("/data/status").asString()).isEqualTo("disconnected");
            assertThat(e.at("/data/status_reason").asString()).isEqualTo("linked_account_deleted");
        });
        assertThat(jdbc.sql("select count(*) from event where org_id = ? and type = 'connection.deleted'")
                .param(org.id()).query(Long.class).single()).as("the other account's connection stays").isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from connection where org_id = ?").param(org.id()).query(Long.class).single())
                .as("kept-1's").isEqualTo(1);
        assertThat(receiver.contractProblems()).isEmpty();
    }

    private String connect(String account, String app) {
        String publicToken = server.post("/sandbox/public_token/create", Map.of("linked_account_id", account, "app", app))
                .json().get("public_token").asString();
        return LinkTokens.exchange(server, publicToken);
    }

    /** config.updated (create, change) and config.deleted through the browser calls. */
    private void configEvents() {
        Map<String, Object> schema = Map.of("fields", List.of(Map.of("id", "note", "name", "Note", "type", "text")));
        Api.Response put = server.put("/api/v2/public/config-schema/sandbox-keys", schema);
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        Api browser = Sessions.browser(api, Sessions.token(server, "schema-1"));
        assertThat(browser.post("/api/v2/f-sdk/config", Map.of("slug", "sandbox-keys")).status()).isBetween(200, 201);
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("slug", "sandbox-keys");
        update.put("fields", Map.of("note", "hello"));
        assertThat(browser.put("/api/v2/f-sdk/config", update).status()).isEqualTo(200);
        assertThat(browser.delete("/api/v2/f-sdk/slug/sandbox-keys/config").status()).isEqualTo(200);
    }

    private Set<String> types() {
        return Set.copyOf(receiver.received().stream().map(r -> Api.JSON.readTree(r.body()).get("type").asString()).toList());
    }

    private List<JsonNode> events(String type) {
        return receiver.received().stream().map(r -> Api.JSON.readTree(r.body()))
                .filter(b -> b.get("type").asString().equals(type))
                .sorted((a, b) -> a.get("created").asString().compareTo(b.get("created").asString())).toList();
    }
}
