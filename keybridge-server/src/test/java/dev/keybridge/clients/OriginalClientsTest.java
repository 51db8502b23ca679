package dev.keybridge.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22's fixes for the original system's clients, each over real HTTP and each failing on the old
 * behaviour: trailing slashes on API routes, {@code getWebhook}'s one object, labels keyed by field, login +
 * MFA apps presented to the browser SDK as popup apps, and the browser SDK's disconnect ending the app.
 */
class OriginalClientsTest extends IntegrationTest {

    private static final Map<String, Object> LABEL_SCHEMA = Map.of("fields", List.of(
            Map.of("id", "channel", "name", "Channel", "type", "select", "label_driven", true),
            Map.of("id", "owner", "name", "Owner", "type", "select", "label_driven", true)));

    @Test
    void doesServeTheDefaultConfigWhenThePathEndsInASlash() {
        Api server = newOrganization().test().withKey(api);
        String token = Sessions.token(server, "slash-user");
        Api asUser = server.withHeader("linked_account_id", "slash-user");
        assertThat(asUser.post("/api/v2/public/config", Map.of("slug", "sandbox-keys")).status()).isEqualTo(200);

        Api.Response got = asUser.get("/api/v2/public/slug/sandbox-keys/config/");
        assertThat(got.status()).as(got.text()).isEqualTo(200);
        assertThat(got.json().get("config_id").asString()).isEqualTo("default");
        Api browser = Sessions.browser(api, token);
        assertThat(browser.get("/api/v2/f-sdk/slug/sandbox-keys/config/").status()).isEqualTo(200);
        assertThat(browser.get("/api/v2/f-sdk/application/").json().isArray()).isTrue();

        Api.Response deleted = asUser.delete("/api/v2/public/slug/sandbox-keys/config/");
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
        assertThat(asUser.get("/api/v2/public/slug/sandbox-keys/config").status()).isEqualTo(404);
    }

    @Test
    void doesAnswerGetWebhookWithTheOnlyEndpointBesideTheListWhenTheEnvironmentHasOne() {
        Api server = newOrganization().test().withKey(api);
        JsonNode empty = server.get("/api/v2/public/webhook").json();
        assertThat(empty.get("docs").size()).isZero();
        assertThat(empty.has("webhook_url")).isFalse();

        String id = server.post("/api/v2/public/webhook", Map.of("webhook_url", "https://one.example.com/hooks",
                "webhook_events", List.of("Connection Created"))).json().get("id").asString();
        JsonNode one = server.get("/api/v2/public/webhook").json();
        assertThat(one.get("docs").size()).isEqualTo(1);
        assertThat(one.get("_id").asString()).isEqualTo(id);
        assertThat(one.get("webhook_url").asString()).isEqualTo("https://one.example.com/hooks");
        assertThat(one.get("webhook_events").get(0).asString()).isEqualTo("connection.created");
        assertThat(one.get("is_enabled").asBoolean()).isTrue();

        server.post("/api/v2/public/webhook", Map.of("webhook_url", "https://two.example.com/hooks"));
        JsonNode two = server.get("/api/v2/public/webhook").json();
        assertThat(two.get("docs").size()).isEqualTo(2);
        assertThat(two.has("webhook_url")).as("no single webhook to show").isFalse();
        JsonNode named = server.get("/api/v2/public/webhook?webhook_url=https%3A%2F%2Fone.example.com%2Fhooks").json();
        assertThat(named.get("docs").size()).isEqualTo(1);
        assertThat(named.get("_id").asString()).isEqualTo(id);
    }

    @Test
    void doesKeepLabelsPerFieldWhenTheyComeKeyedByField() {
        Api server = newOrganization().test().withKey(api);
        assertThat(server.put("/api/v2/public/config-schema/sandbox-keys", LABEL_SCHEMA).status()).isEqualTo(200);
        Api asUser = server.withHeader("linked_account_id", "labels-user");
        server.put("/api/v2/public/linked-account", Map.of("linked_account_id", "labels-user"));

        Api.Response made = asUser.post("/api/v2/public/config", Map.of("linked_account_id", "labels-user",
                "slug", "sandbox-keys", "labels", Map.of(
                        "channel", List.of(Map.of("name", "#general", "value", "C1")),
                        "owner", List.of(Map.of("name", "Ann", "value", "U1"), Map.of("name", "Bob", "value", "U2")))));
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        Map<String, JsonNode> fields = fields(made.json());
        assertThat(fields.get("channel").get("options").size()).isEqualTo(1);
        assertThat(fields.get("owner").get("options").size()).isEqualTo(2);
        assertThat(made.json().get("labels_by_field").get("owner").get(1).get("value").asString()).isEqualTo("U2");
        assertThat(made.json().get("labels").isArray()).as("the documented list, every field's labels").isTrue();
        assertThat(made.json().get("labels").size()).isEqualTo(3);

        Api.Response wrongField = asUser.put("/api/v2/public/config", Map.of("slug", "sandbox-keys",
                "fields", Map.of("channel", "U1")));
        assertThat(wrongField.status()).as("an owner's label is not a channel").isEqualTo(400);
        assertThat(asUser.put("/api/v2/public/config", Map.of("slug", "sandbox-keys",
                "fields", Map.of("channel", "C1", "owner", "U2"))).status()).isEqualTo(200);

        Api.Response flat = asUser.post("/api/v2/public/config", Map.of("slug", "sandbox-keys", "config_id", "flat",
                "labels", List.of(Map.of("name", "#ops", "value", "C2"))));
        assertThat(fields(flat.json()).get("owner").get("options").get(0).get("value").asString()).isEqualTo("C2");
        assertThat(flat.json().has("labels_by_field")).isFalse();
        assertThat(asUser.post("/api/v2/public/config", Map.of("slug", "sandbox-keys",
                "labels", Map.of("bad key!", List.of()))).status()).isEqualTo(400);
    }

    @Test
    void doesPresentALoginAppAsAPopupAppWhenTheBrowserSdkListsApps() {
        Api server = newOrganization().test().withKey(api);
        Api browser = Sessions.browser(api, Sessions.token(server, "family-user"));

        Map<String, JsonNode> listed = new HashMap<>();
        browser.get("/api/v2/f-sdk/application").json().forEach(a -> listed.put(a.get("slug").asString(), a));
        assertThat(listed.get("sandbox-ehr").get("auth_type").asString()).isEqualTo("oauth2");
        assertThat(listed.get("sandbox-ehr").get("auth_family").asString()).isEqualTo("credentials");
        assertThat(listed.get("sandbox-keys").get("auth_type").asString()).isEqualTo("keybased");
        assertThat(listed.get("sandbox-oauth").get("auth_type").asString()).isEqualTo("oauth2");
        assertThat(browser.get("/api/v2/f-sdk/application/sandbox-ehr").json().get("auth_type").asString())
                .isEqualTo("oauth2");

        assertThat(server.get("/api/v2/public/application/sandbox-ehr").json().get("auth_type").asString())
                .isEqualTo("credentials");
        server.get("/api/v2/public/catalog").json().get("apps").forEach(a -> {
            if (a.get("slug").asString().equals("sandbox-ehr")) {
                assertThat(a.get("auth_type").asString()).isEqualTo("credentials");
            }
        });
    }

    @Test
    void doesDisconnectEveryLiveConnectionWhenTheBrowserSdkDisconnectsAnApp() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Api browser = Sessions.browser(api, Sessions.token(server, "twice-user"));
        for (int i = 0; i < 2; i++) {
            Api.Response made = server.post("/sandbox/public_token/create",
                    Map.of("linked_account_id", "twice-user", "app", "sandbox-ehr"));
            assertThat(made.status()).as(made.text()).isEqualTo(200);
        }
        assertThat(live(server, "twice-user", "sandbox-ehr")).isEqualTo(2);

        Api.Response r = browser.delete("/api/v1/linked-acc/integration/sandbox-ehr");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(browser.get("/api/v2/f-sdk/application/sandbox-ehr").json().get("connected").asBoolean()).isFalse();
        assertThat(live(server, "twice-user", "sandbox-ehr")).isZero();
        assertThat(r.json().get("connection_ids").size()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from event where org_id = ? and type = 'connection.deleted'")
                .param(org.id()).query(Long.class).single()).isEqualTo(2);
        assertThat(browser.delete("/api/v1/linked-acc/integration/sandbox-ehr").status()).isEqualTo(404);
    }

    private static long live(Api server, String account, String slug) {
        long n = 0;
        for (JsonNode c : server.get("/api/v2/public/linked-account/" + account + "/connections").json()) {
            if (c.get("app").asString().equals(slug) && !c.get("status").asString().equals("disconnected")) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, JsonNode> fields(JsonNode config) {
        Map<String, JsonNode> out = new HashMap<>();
        config.get("fields").forEach(f -> out.put(f.get("id").asString(), f));
        return out;
    }
}
