package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Dashboard pages over plain HTTP: forms that keep what was typed, masking, scoping by environment. */
class DashboardPagesTest extends IntegrationTest {

    @Autowired
    private Invites invites;

    private String owner(TestOrganization org) {
        return FormBrowser.owner(port, invites, org.id());
    }

    @Test
    void doesSendABrowserToTheDashboardWhenItOpensTheServersAddress() {
        Api.Response r = api.get("/");

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("location")).endsWith("/dashboard");
    }

    @Test
    void doesShowTheErrorNextToTheFieldAndKeepWhatWasTypedWhenAWebhookUrlIsBad() {
        TestOrganization org = newOrganization();
        FormBrowser b = new FormBrowser(port);
        b.signIn(owner(org), ConsoleDriver.PASSWORD);

        HttpResponse<String> r = b.submit("/dashboard/webhooks", "/dashboard/webhooks",
                Map.of("url", "ftp://files.example.com/in", "events", "connection.created"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("id=\"url-error\"", "value=\"ftp://files.example.com/in\"",
                "value=\"connection.created\" checked");
        assertThat(jdbc.sql("select count(*) from webhook_endpoint where org_id = ?").param(org.id())
                .query(Long.class).single()).isZero();
        HttpResponse<String> incomplete = b.get("/dashboard/accounts/view");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("incomplete or malformed");
        assertThat(incomplete.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    }

    @Test
    void doesShowUdfButMaskYourAppCredentialsWhenAnAccountPageRenders() {
        TestOrganization org = newOrganization();
        Api.Response made = org.test().withKey(api).post("/api/v2/public/linked-account", Map.of(
                "linked_account_id", "masked-1", "name", "Masked One",
                "udf", Map.of("plan", "gold"),
                "your_app", Map.of("app_id", "crm", "auth_credentials", Map.of("api_token", "tok-s3cret-value-123"))));
        assertThat(made.status()).as(made.text()).isLessThan(300);
        FormBrowser b = new FormBrowser(port);
        b.signIn(owner(org), ConsoleDriver.PASSWORD);

        HttpResponse<String> page = b.get("/dashboard/accounts/view?id=masked-1");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Masked One", "plan", "gold", "api_token", "********", "crm")
                .doesNotContain("tok-s3cret-value-123");
    }

    @Test
    void doesListTheGrantedScopesWhenAnOAuth2ConnectionIsShown() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Api.Response made = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "scoped-1",
                "app", "sandbox-oauth", "options", Map.of("scope", "contacts.read me.read")));
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        assertThat(server.post("/link/token/exchange", Map.of("public_token", made.json().get("public_token").asString()))
                .status()).isEqualTo(200);
        FormBrowser b = new FormBrowser(port);
        b.signIn(owner(org), ConsoleDriver.PASSWORD);

        HttpResponse<String> page = b.get("/dashboard/accounts/view?id=scoped-1");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<dt>Scopes</dt>", "<li><code>contacts.read</code></li>",
                "<li><code>me.read</code></li>");
    }

    @Test
    void doesFilterTheAppsPageByCategoryFamilyAndStateWhenAsked() {
        TestOrganization org = newOrganization();
        assertThat(org.test().withKey(api).put("/api/v2/public/application/stripe/settings", Map.of("enabled", true))
                .status()).isEqualTo(200);
        FormBrowser b = new FormBrowser(port);
        b.signIn(owner(org), ConsoleDriver.PASSWORD);

        String payments = b.get("/dashboard/apps?category=payments").body();
        assertThat(payments).contains("data-slug=\"stripe\"").doesNotContain("data-slug=\"google\"")
                .contains("API docs of Stripe", "https://docs.stripe.com/keys", "Where keys are made for Stripe");
        String oauth = b.get("/dashboard/apps?family=oauth2").body();
        assertThat(oauth).contains("data-slug=\"google\"", "Register the OAuth client of Google")
                .doesNotContain("data-slug=\"stripe\"");
        String enabled = b.get("/dashboard/apps?state=enabled&category=payments").body();
        assertThat(slugs(enabled)).contains("stripe").doesNotContain("google", "sandbox-oauth").isNotEmpty();
        assertThat(enabled).containsPattern("\\d+ of \\d+ apps match");
        assertThat(b.get("/dashboard/apps").body()).contains("Apps your users looked for", "id=\"looked-for-none\"");
        String unknown = b.get("/dashboard/apps?category=gardening&family=carrier-pigeon").body();
        assertThat(slugs(unknown)).contains("google", "stripe");
        assertThat(unknown).doesNotContain("apps match");
    }

    private static List<String> slugs(String html) {
        Matcher m = Pattern.compile("data-slug=\"([a-z0-9-]+)\"").matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void doesSaveLinkSettingsOnlyWhenEveryLineIsValid() {
        TestOrganization org = newOrganization();
        FormBrowser b = new FormBrowser(port);
        b.signIn(owner(org), ConsoleDriver.PASSWORD);

        HttpResponse<String> bad = b.submit("/dashboard/apps", "/dashboard/apps/link-settings",
                Map.of("redirect_uris", "https://app.example.com/done", "allowed_origins", "https://app.example.com/path"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"link-error\"", "allowed_origins must look like", "https://app.example.com/path");
        Api server = org.test().withKey(api);
        assertThat(server.get("/api/v2/public/link/settings").json().get("allowed_origins").size()).isZero();

        HttpResponse<String> ok = b.submit("/dashboard/apps", "/dashboard/apps/link-settings",
                Map.of("redirect_uris", "https://app.example.com/done\n", "allowed_origins", "https://app.example.com"));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(server.get("/api/v2/public/link/settings").json().get("allowed_origins").get(0).asString())
                .isEqualTo("https://app.example.com");
        assertThat(org.production().withKey(api).get("/api/v2/public/link/settings").json().get("allowed_origins").size())
                .as("the other environment is untouched").isZero();
    }

    @Test
    void doesDisableAnEndpointAndShowARotatedSecretOnceWhenAnOwnerAsks() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Api.Response made = server.post("/api/v2/public/webhook", Map.of("webhook_url", "https://example.com/hook"));
        String id = made.json().get("id").asString();
        String first = made.json().get("secret").asString();
        FormBrowser b = new FormBrowser(port);
        b.signIn(owner(org), ConsoleDriver.PASSWORD);
        String page = "/dashboard/webhooks/endpoint?id=" + id;
        assertThat(b.get(page).body()).doesNotContain(first);

        HttpResponse<String> saved = b.submit(page, "/dashboard/webhooks/update",
                Map.of("id", id, "events", "connection.deleted"));
        assertThat(saved.statusCode()).isEqualTo(302);
        Api.Response now = server.get("/api/v2/public/webhook/" + id);
        assertThat(now.json().get("is_enabled").asBoolean()).isFalse();
        assertThat(now.json().toString()).contains("connection.deleted");

        HttpResponse<String> rotated = b.submit(page, "/dashboard/webhooks/rotate", Map.of("id", id));
        assertThat(rotated.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("id=\"signing-secret\">(whsec_[^<]+)<").matcher(rotated.body());
        assertThat(m.find()).as(rotated.body()).isTrue();
        assertThat(m.group(1)).isNotEqualTo(first);
        assertThat(b.get(page).body()).doesNotContain(m.group(1));
    }

    /** The navigation and the chain's roles both come from DashboardPages. */
    @Test
    void doesShowAndServeMembersOnlyToOwnersWhenEachRoleSignsIn() {
        TestOrganization org = newOrganization();
        FormBrowser owner = new FormBrowser(port);
        owner.signIn(owner(org), ConsoleDriver.PASSWORD);
        FormBrowser developer = new FormBrowser(port);
        developer.signIn(operator(org, Role.DEVELOPER), ConsoleDriver.PASSWORD);

        HttpResponse<String> ownersPage = owner.get("/dashboard/members");
        HttpResponse<String> developersOverview = developer.get("/dashboard");
        HttpResponse<String> developersMembers = developer.get("/dashboard/members");

        assertThat(ownersPage.statusCode()).isEqualTo(200);
        assertThat(ownersPage.body()).contains("<a href=\"/dashboard/members\" aria-current=\"page\">Members</a>",
                "<a href=\"/dashboard/accounts\">Linked Accounts</a>");
        assertThat(developersOverview.body()).contains("<a href=\"/dashboard\" aria-current=\"page\">Overview</a>",
                "<a href=\"/dashboard/webhooks\">Webhooks</a>").doesNotContain("/dashboard/members");
        assertThat(developersMembers.statusCode()).isEqualTo(403);
        assertThat(developersMembers.body()).contains("Your role cannot");
    }

    private String operator(TestOrganization org, Role role) {
        String email = role.wire() + "-" + System.nanoTime() + "@example.com";
        String token = invites.issue(org.id(), email, role).token();
        HttpResponse<String> r = new FormBrowser(port).submit("/dashboard/setup?token=" + token, "/dashboard/setup",
                Map.of("token", token, "password", ConsoleDriver.PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return email;
    }

    @Test
    void doesAnswerAnUnknownAddressWithAPageAndStillServeTheAssets() {
        FormBrowser b = new FormBrowser(port);
        b.signIn(owner(newOrganization()), ConsoleDriver.PASSWORD);

        HttpResponse<String> unknown = b.get("/dashboard/nothing-here");
        HttpResponse<String> deeper = b.get("/dashboard/accounts/nothing-here");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("There is no such page");
        assertThat(deeper.statusCode()).isEqualTo(404);
        assertThat(b.get("/dashboard/assets/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(b.get("/dashboard/accounts").statusCode()).isEqualTo(200);
    }
}
