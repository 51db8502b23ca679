package dev.keybridge.userconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Config schemas and configs over HTTP: the f-sdk calls (§3), the server calls (§2), validation, events. */
class UserConfigTest extends IntegrationTest {

    static final String SLUG = "sandbox-keys";
    static final String SCHEMA = "/api/v2/public/config-schema/" + SLUG;

    /** A schema with each field type, a label-driven select and a workflow toggle. */
    static Map<String, Object> schema() {
        return Map.of("fields", List.of(
                        Map.of("id", "region", "name", "Region", "type", "select", "required", true,
                                "options", List.of(Map.of("name", "Europe", "value", "eu"), Map.of("name", "US", "value", "us")),
                                "default", "eu"),
                        Map.of("id", "limit", "name", "Daily limit", "type", "number", "required", true),
                        Map.of("id", "note", "name", "Note", "type", "text"),
                        Map.of("id", "notify", "name", "Notify", "type", "boolean", "default", false),
                        Map.of("id", "channel", "name", "Channel", "type", "select", "label_driven", true),
                        Map.of("id", "tags", "name", "Tags", "type", "multiselect",
                                "options", List.of(Map.of("name", "A", "value", "a"), Map.of("name", "B", "value", "b")))),
                "workflows", List.of(Map.of("id", "sync", "name", "Sync invoices", "description", "Copies invoices nightly",
                        "fields", List.of(Map.of("id", "folder", "name", "Folder", "type", "text", "required", true)))));
    }

    private TestOrganization org;
    private Api server;
    private Api browser;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        Api.Response put = server.put(SCHEMA, schema());
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        browser = Sessions.browser(api, Sessions.token(server, "cfg-user"));
    }

    private static Map<String, Object> update(Map<String, Object> fields, List<?> workflows) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", SLUG);
        if (fields != null) {
            body.put("fields", fields);
        }
        if (workflows != null) {
            body.put("workflows", workflows);
        }
        return body;
    }

    static JsonNode field(JsonNode config, String id) {
        for (JsonNode f : config.get("fields")) {
            if (f.get("id").asString().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no field " + id + " in " + config);
    }

    @Test
    void doesCreateUpdateReadAndDeleteAConfigThroughTheBrowserCalls() {
        Api.Response created = browser.post("/api/v2/f-sdk/config", Map.of("slug", SLUG,
                "labels", List.of(Map.of("name", "#general", "value", "C1"), Map.of("name", "#ops", "value", "C2"))));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        JsonNode c = created.json();
        assertThat(c.get("config_id").asString()).isEqualTo("default");
        assertThat(c.get("linked_account_id").asString()).isEqualTo("cfg-user");
        assertThat(c.get("environment").asString()).isEqualTo("test");
        assertThat(field(c, "region").get("value").asString()).as("default shown").isEqualTo("eu");
        assertThat(field(c, "channel").get("options").size()).as("options from labels").isEqualTo(2);
        assertThat(c.get("workflows").get(0).get("enabled").asBoolean()).isFalse();

        Api.Response again = browser.post("/api/v2/f-sdk/config", Map.of("slug", SLUG));
        assertThat(again.json().get("_id")).as("find, not create twice").isEqualTo(c.get("_id"));

        Api.Response updated = browser.put("/api/v2/f-sdk/config", update(Map.of("limit", 25, "channel", "C2",
                "tags", List.of("a", "b"), "note", "hi"), List.of(Map.of("id", "sync", "enabled", true,
                "fields", Map.of("folder", "/invoices")))));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);

        JsonNode read = browser.get("/api/v2/f-sdk/slug/" + SLUG + "/config").json();
        assertThat(field(read, "limit").get("value").asInt()).isEqualTo(25);
        assertThat(field(read, "channel").get("value").asString()).isEqualTo("C2");
        assertThat(field(read, "tags").get("value").size()).isEqualTo(2);
        assertThat(read.get("workflows").get(0).get("enabled").asBoolean()).isTrue();
        assertThat(read.get("workflows").get(0).get("fields").get(0).get("value").asString()).isEqualTo("/invoices");

        Api.Response deleted = browser.delete("/api/v2/f-sdk/slug/" + SLUG + "/config");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(browser.get("/api/v2/f-sdk/slug/" + SLUG + "/config").status()).isEqualTo(404);
    }

    @Test
    void doesServeTheSameConfigsToServerCallsWithTheLinkedAccountHeader() {
        Api asServer = server.withHeader("linked_account_id", "cfg-user");
        Api.Response created = asServer.post("/api/v2/public/config", Map.of("linked_account_id", "cfg-user", "slug", SLUG,
                "config_id", "second"));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(asServer.put("/api/v2/public/config", Map.of("linked_account_id", "cfg-user", "slug", SLUG,
                "config_id", "second", "fields", Map.of("limit", 7))).status()).isEqualTo(200);

        assertThat(field(browser.get("/api/v2/f-sdk/slug/" + SLUG + "/config/second").json(), "limit").get("value").asInt())
                .isEqualTo(7);
        assertThat(field(asServer.get("/api/v2/public/slug/" + SLUG + "/config/second").json(), "limit").get("value").asInt())
                .isEqualTo(7);
        assertThat(asServer.get("/api/v2/public/slug/" + SLUG + "/config").status()).as("no default config yet").isEqualTo(404);
        assertThat(server.get("/api/v2/public/slug/" + SLUG + "/config/second").status()).as("header required").isEqualTo(400);
        assertThat(asServer.post("/api/v2/public/config", Map.of("linked_account_id", "someone-else", "slug", SLUG)).status())
                .as("header and body disagree").isEqualTo(400);
        assertThat(asServer.delete("/api/v2/public/slug/" + SLUG + "/config/second").json().get("deleted").asBoolean()).isTrue();
        assertThat(browser.get("/api/v2/f-sdk/slug/" + SLUG + "/config/second").status()).isEqualTo(404);
    }

    @Test
    void doesRefuseValuesThatDoNotFitTheSchemaNamingTheFieldAndWritingNothing() {
        browser.post("/api/v2/f-sdk/config", Map.of("slug", SLUG));
        assertThat(browser.put("/api/v2/f-sdk/config", update(Map.of("limit", 5), null)).status()).isEqualTo(200);
        JsonNode before = browser.get("/api/v2/f-sdk/slug/" + SLUG + "/config").json();

        assertRefused(update(Map.of("limit", "five"), null), "fields.limit");
        assertRefused(update(Map.of("color", "red"), null), "fields.color");
        assertRefused(update(Map.of("region", "mars"), null), "fields.region");
        assertRefused(update(Map.of("notify", "yes"), null), "fields.notify");
        assertRefused(update(Map.of("tags", List.of("a", "z")), null), "fields.tags");
        assertRefused(update(Map.of("channel", "C9"), null), "fields.channel");
        Map<String, Object> clearRequired = new LinkedHashMap<>();
        clearRequired.put("limit", null);
        assertRefused(update(clearRequired, null), "fields.limit");
        assertRefused(update(Map.of("note", "ok"), List.of(Map.of("id", "sync", "enabled", true))), "workflows.sync.fields.folder");
        assertRefused(update(null, List.of(Map.of("id", "nope", "enabled", true))), "workflows[0].id");
        assertRefused(update(Map.of("limit", 6, "note", 3), null), "fields.note");

        JsonNode after = browser.get("/api/v2/f-sdk/slug/" + SLUG + "/config").json();
        assertThat(after).as("nothing written").isEqualTo(before);
        assertThat(browser.put("/api/v2/f-sdk/config", Map.of("slug", SLUG, "extra", 1)).status()).isEqualTo(400);
        assertThat(browser.put("/api/v2/f-sdk/config", "{\"slug\":").status()).isEqualTo(400);
        Api.Response huge = browser.put("/api/v2/f-sdk/config", update(Map.of("note", "x".repeat(300_000)), null));
        assertThat(huge.status()).as("over the body limit").isEqualTo(413);
        assertThat(huge.json().get("success").asBoolean()).isFalse();
        assertRefused(update(Map.of("note", "x".repeat(5000)), null), "fields.note");
        assertThat(browser.put("/api/v2/f-sdk/config", Map.of("slug", SLUG, "config_id", "missing")).status()).isEqualTo(404);
        assertThat(browser.post("/api/v2/f-sdk/config", Map.of("slug", "google")).status()).as("app not enabled").isEqualTo(404);
    }

    private void assertRefused(Map<String, Object> body, String field) {
        Api.Response r = browser.put("/api/v2/f-sdk/config", body);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("message").asString()).contains(field);
    }

    @Test
    void doesEmitConfigEventsInTheSameTransaction() {
        String id = browser.post("/api/v2/f-sdk/config", Map.of("slug", SLUG)).json().get("_id").asString();
        browser.put("/api/v2/f-sdk/config", update(Map.of("limit", 3), null));
        browser.put("/api/v2/f-sdk/config", update(Map.of("limit", "x"), null)); // refused: no event
        browser.delete("/api/v2/f-sdk/slug/" + SLUG + "/config");

        List<String> types = jdbc.sql("select type from event where org_id = ? and data->>'_id' = ? order by created_at, id")
                .params(org.id(), id).query(String.class).list();
        assertThat(types).containsExactly("config.updated", "config.updated", "config.deleted");
    }

    @Test
    void doesDeleteTheConfigsOfADeletedLinkedAccount() {
        browser.post("/api/v2/f-sdk/config", Map.of("slug", SLUG));
        assertThat(jdbc.sql("select count(*) from user_config where org_id = ?").param(org.id()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(server.delete("/api/v2/public/linked-account/cfg-user").status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from user_config where org_id = ?").param(org.id()).query(Long.class).single())
                .isZero();
        Sessions.token(server, "cfg-user");
        assertThat(server.withHeader("linked_account_id", "cfg-user").get("/api/v2/public/slug/" + SLUG + "/config").status())
                .isEqualTo(404);
    }

    @Test
    void doesKeepConfigsAndSchemasInsideTheirOrganizationAndEnvironment() {
        browser.post("/api/v2/f-sdk/config", Map.of("slug", SLUG));
        browser.put("/api/v2/f-sdk/config", update(Map.of("limit", 9), null));

        Api otherOrg = newOrganization().test().withKey(api);
        Sessions.token(otherOrg, "cfg-user");
        assertThat(otherOrg.withHeader("linked_account_id", "cfg-user").get("/api/v2/public/slug/" + SLUG + "/config").status())
                .isEqualTo(404);
        assertThat(otherOrg.get(SCHEMA).status()).isEqualTo(404);

        Api production = org.production().withKey(api);
        Sessions.token(production, "cfg-user");
        assertThat(production.withHeader("linked_account_id", "cfg-user").get("/api/v2/public/slug/" + SLUG + "/config")
                .status()).as("sandbox app: not even in production").isEqualTo(404);
        assertThat(production.get(SCHEMA).status()).isEqualTo(404);
        assertThat(production.put("/api/v2/public/config-schema/stripe", Map.of("fields", List.of())).status()).isEqualTo(200);
        assertThat(server.get("/api/v2/public/config-schema/stripe").status()).isEqualTo(404);

        Api anotherUser = Sessions.browser(api, Sessions.token(server, "cfg-other"));
        assertThat(anotherUser.get("/api/v2/f-sdk/slug/" + SLUG + "/config").status()).isEqualTo(404);
        assertThat(api.get("/api/v2/f-sdk/slug/" + SLUG + "/config").status()).isEqualTo(401);
        assertThat(browser.get(SCHEMA).status()).as("schemas are for server credentials").isEqualTo(403);
    }

    @Test
    void doesRefuseMalformedSchemas() {
        assertThat(server.put(SCHEMA, Map.of("fields", List.of(Map.of("id", "x", "name", "X", "type", "color")))).status())
                .isEqualTo(400);
        assertThat(server.put(SCHEMA, Map.of("fields", List.of(Map.of("id", "x", "name", "X", "type", "select")))).status())
                .as("select without options").isEqualTo(400);
        assertThat(server.put(SCHEMA, Map.of("fields", List.of(Map.of("id", "x", "name", "X", "type", "number",
                "default", "ten")))).status()).isEqualTo(400);
        assertThat(server.put(SCHEMA, Map.of("fields", List.of(Map.of("id", "x", "name", "X", "type", "text"),
                Map.of("id", "x", "name", "Y", "type", "text")))).status()).as("duplicate id").isEqualTo(400);
        assertThat(server.put(SCHEMA, Map.of("fieldz", List.of())).status()).isEqualTo(400);
        assertThat(server.put("/api/v2/public/config-schema/no-such-app", Map.of("fields", List.of())).status()).isEqualTo(404);
        assertThat(server.get(SCHEMA).json().get("fields").size()).as("the earlier schema stands").isEqualTo(6);
        assertThat(server.get("/api/v2/public/config-schema").json().get("slugs").get(0).asString()).isEqualTo(SLUG);
        assertThat(server.delete(SCHEMA).status()).isEqualTo(200);
        assertThat(server.get(SCHEMA).status()).isEqualTo(404);
    }
}
