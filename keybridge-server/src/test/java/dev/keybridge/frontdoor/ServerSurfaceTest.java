package dev.keybridge.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The catalogue browse for operators, and the workflow-engine calls Keybridge answers 501. */
class ServerSurfaceTest extends IntegrationTest {

    @Test
    void doesListEveryCatalogueAppWithWhetherThisEnvironmentEnablesIt() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        assertThat(server.put("/api/v2/public/application/stripe/settings", Map.of("enabled", true)).status()).isEqualTo(200);

        JsonNode body = server.get("/api/v2/public/catalog").json();

        Map<String, JsonNode> bySlug = new HashMap<>();
        body.get("apps").forEach(a -> bySlug.put(a.get("slug").asString(), a));
        assertThat(bySlug).containsKeys("google", "stripe", "sandbox-ehr", "sandbox-keys", "shopify");
        assertThat(bySlug.get("stripe").get("enabled").asBoolean()).isTrue();
        assertThat(bySlug.get("google").get("enabled").asBoolean()).isFalse();
        assertThat(bySlug.get("google").get("auth_type").asString()).isEqualTo("oauth2");
        assertThat(bySlug.get("stripe").get("auth_type").asString()).isEqualTo("keybased");
        assertThat(bySlug.get("sandbox-ehr").get("auth_type").asString()).isEqualTo("credentials");
        assertThat(bySlug.get("sandbox-ehr").get("icon").asString()).startsWith("http").doesNotContain("{keybridge}");
        assertThat(bySlug.get("sandbox-ehr").get("enabled").asBoolean()).isTrue();

        Api production = org.production().withKey(api);
        JsonNode live = production.get("/api/v2/public/catalog").json();
        live.get("apps").forEach(a -> {
            assertThat(a.get("sandbox").asBoolean()).isFalse();
            assertThat(a.get("slug").asString().equals("stripe") && a.get("enabled").asBoolean())
                    .as("test's setting does not leak into production").isFalse();
        });
        assertThat(newOrganization().test().withKey(api).get("/api/v2/public/catalog").json().get("apps").findValues("slug")
                .stream().filter(s -> s.asString().equals("stripe")).count()).isEqualTo(1);
        assertThat(Sessions.browser(api, Sessions.token(server, "u")).get("/api/v2/public/catalog").status()).isEqualTo(403);
        assertThat(api.get("/api/v2/public/catalog").status()).isEqualTo(401);
    }

    @Test
    void doesFilterTheCatalogueByCategoryWhenOneIsNamed() {
        Api server = newOrganization().test().withKey(api);

        JsonNode payments = server.get("/api/v2/public/catalog?category=payments").json().get("apps");

        assertThat(payments.findValues("slug").stream().map(JsonNode::asString)).contains("stripe").doesNotContain("google");
        payments.forEach(a -> assertThat(a.get("categories").toString()).contains("\"payments\""));
        JsonNode stripe = payments.findParents("slug").stream().filter(a -> a.get("slug").asString().equals("stripe"))
                .findFirst().orElseThrow();
        assertThat(stripe.get("docs_url").asString()).startsWith("https://");
        assertThat(stripe.get("console_url").asString()).startsWith("https://");

        Api.Response unknown = server.get("/api/v2/public/catalog?category=gardening");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asString()).isEqualTo("invalid_category");
        assertThat(unknown.json().get("message").asString()).contains("payments");
    }

    @Test
    void doesAnswer501NotSupportedForTheWorkflowEngine() {
        Api server = newOrganization().test().withKey(api);
        for (String[] call : new String[][] {{"GET", "/api/v2/public/event"}, {"POST", "/api/v2/public/event/abc/trigger"},
                {"GET", "/api/v2/public/execution"}, {"GET", "/api/v2/public/execution/123"},
                {"POST", "/api/v1/workflow/wf1/execute"}}) {
            Api.Response r = server.send(call[0], call[1], call[0].equals("POST") ? Map.of() : null);
            assertThat(r.status()).as(call[1]).isEqualTo(501);
            assertThat(r.json().get("error").asString()).isEqualTo("not_supported");
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.json().get("message").asString()).contains("webhook");
        }
        assertThat(api.post("/api/v1/workflow/wf1/execute", Map.of()).status()).isEqualTo(401);
    }
}
