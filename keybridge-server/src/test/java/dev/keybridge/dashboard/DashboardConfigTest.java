package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The config schema editor (Apps) and the account page's configurations, over plain HTTP. */
class DashboardConfigTest extends IntegrationTest {

    private static final String VALID = """
            {"fields": [{"id": "region", "name": "Region", "type": "select", "required": true,
              "options": [{"name": "Europe", "value": "eu"}, {"name": "US", "value": "us"}], "default": "eu"},
              {"id": "limit", "name": "Daily limit", "type": "number"}],
             "workflows": [{"id": "sync", "name": "Sync invoices", "description": "nightly", "fields": []}]}""";

    @Autowired
    private Invites invites;

    private FormBrowser signedIn(TestOrganization org, Role role) {
        String email = "c-" + System.nanoTime() + "@example.com";
        FormBrowser b = new FormBrowser(port);
        String token = invites.issue(org.id(), email, role).token();
        HttpResponse<String> r = b.submit("/dashboard/setup?token=" + token, "/dashboard/setup",
                Map.of("token", token, "password", ConsoleDriver.PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        b.signIn(email, ConsoleDriver.PASSWORD);
        return b;
    }

    private static String page(String slug) {
        return "/dashboard/apps/config-schema?slug=" + slug;
    }

    @Test
    void doesSaveAValidSchemaAndKeepOtherOrganizationsAndEnvironmentsUntouched() {
        TestOrganization org = newOrganization();
        TestOrganization other = newOrganization();
        FormBrowser b = signedIn(org, Role.DEVELOPER);
        assertThat(b.get("/dashboard/apps").body()).contains(page("github"));
        assertThat(b.get(page("github")).body()).contains("No config schema in this environment yet.");

        HttpResponse<String> saved = b.submit(page("github"), "/dashboard/apps/config-schema",
                Map.of("slug", "github", "schema", VALID));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        Api server = org.test().withKey(api);
        Api.Response read = server.get("/api/v2/public/config-schema/github");
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.json().get("fields").get(0).get("id").asString()).isEqualTo("region");
        assertThat(read.json().get("workflows").get(0).get("id").asString()).isEqualTo("sync");
        assertThat(b.get(page("github")).body()).contains("Config schema of GitHub saved.", "Daily limit", "Sync invoices");
        assertThat(org.production().withKey(api).get("/api/v2/public/config-schema/github").status())
                .as("the other environment has none").isEqualTo(404);
        assertThat(other.test().withKey(api).get("/api/v2/public/config-schema/github").status())
                .as("the other organization has none").isEqualTo(404);
        FormBrowser outsider = signedIn(other, Role.OWNER);
        assertThat(outsider.get(page("github")).body()).contains("No config schema in this environment yet.")
                .doesNotContain("Daily limit");

        HttpResponse<String> deleted = b.submit(page("github"), "/dashboard/apps/config-schema/delete", Map.of("slug", "github"));
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(server.get("/api/v2/public/config-schema/github").status()).isEqualTo(404);
    }

    @Test
    void doesShowTheErrorAndKeepWhatWasTypedAndSaveNothingWhenTheSchemaIsInvalid() {
        TestOrganization org = newOrganization();
        FormBrowser b = signedIn(org, Role.OWNER);
        String typed = "{\"fields\": [{\"id\": \"x\", \"name\": \"X\", \"type\": \"colour\"}]}";

        HttpResponse<String> bad = b.submit(page("github"), "/dashboard/apps/config-schema",
                Map.of("slug", "github", "schema", typed));

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"schema-error\"", "colour", "&quot;type&quot;: &quot;colour&quot;");
        HttpResponse<String> notJson = b.submit(page("github"), "/dashboard/apps/config-schema",
                Map.of("slug", "github", "schema", "{\"fields\": ["));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("id=\"schema-error\"", "not valid JSON");
        assertThat(org.test().withKey(api).get("/api/v2/public/config-schema/github").status()).isEqualTo(404);
    }

    @Test
    void doesLetAViewerReadTheSchemaButNotChangeIt() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        assertThat(server.put("/api/v2/public/config-schema/github", Map.of("fields", List.of(
                Map.of("id", "note", "name", "Viewer note", "type", "text")))).status()).isEqualTo(200);
        FormBrowser viewer = signedIn(org, Role.VIEWER);

        HttpResponse<String> page = viewer.get(page("github"));
        assertThat(page.body()).contains("Viewer note", "readonly").doesNotContain("Save config schema", "Delete config schema");
        HttpResponse<String> change = viewer.submit(page("github"), "/dashboard/apps/config-schema",
                Map.of("slug", "github", "schema", "{\"fields\": []}"));
        HttpResponse<String> delete = viewer.submit(page("github"), "/dashboard/apps/config-schema/delete", Map.of("slug", "github"));

        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(server.get("/api/v2/public/config-schema/github").json().get("fields").get(0).get("id").asString())
                .isEqualTo("note");
    }

    @Test
    void doesListTheConfigsOfAnAccountMadeThroughTheApi() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        String slug = "sandbox-keys";
        assertThat(server.put("/api/v2/public/config-schema/" + slug, Map.of("fields", List.of(
                Map.of("id", "limit", "name", "Daily limit", "type", "number")), "workflows", List.of(
                Map.of("id", "sync", "name", "Sync invoices", "description", "nightly", "fields", List.of())))).status())
                .isEqualTo(200);
        assertThat(server.post("/api/v2/public/linked-account", Map.of("linked_account_id", "cfg-page")).status())
                .isLessThan(300);
        Api asServer = server.withHeader("linked_account_id", "cfg-page");
        Api.Response made = asServer.post("/api/v2/public/config", Map.of("linked_account_id", "cfg-page", "slug", slug,
                "config_id", "second"));
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        Api.Response set = asServer.put("/api/v2/public/config", Map.of("linked_account_id", "cfg-page", "slug", slug,
                "config_id", "second", "fields", Map.of("limit", 42)));
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        FormBrowser b = signedIn(org, Role.VIEWER);

        HttpResponse<String> page = b.get("/dashboard/accounts/view?id=cfg-page");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Configurations", slug, "second", "Daily limit", "42", "Sync invoices", "disabled");
    }
}
