package dev.keybridge.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.connection.Connections;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The browser SDK's connect and disconnect calls over HTTP (wire-formats §3). */
class FrontendConnectTest extends IntegrationTest {

    @Autowired
    private ApplicationContext context;

    private TestOrganization org;
    private Api server;
    private Api browser;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        browser = Sessions.browser(api, Sessions.token(server, "conn-user"));
    }

    private JsonNode app(Api who, String slug) {
        Api.Response r = who.get("/api/v2/f-sdk/application/" + slug);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private List<String> events(String type) {
        return jdbc.sql("select data->>'app' from event where org_id = ? and type = ? order by created_at, id")
                .params(org.id(), type).query(String.class).list();
    }

    static String linkToken(String authUrl) {
        String query = URI.create(authUrl).getRawQuery();
        for (String part : query.split("&")) {
            if (part.startsWith("token=")) {
                return URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no token in " + authUrl);
    }

    @Test
    void doesSaveAKeyOnlyWhenTheAppsVerificationCallAcceptsIt() {
        Api.Response wrong = browser.post("/api/v2/app/sandbox-keys/save", Map.of("api_key", "key_bad"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asString()).isEqualTo("invalid_credentials");
        assertThat(wrong.json().get("success").asBoolean()).isFalse();
        assertThat(app(browser, "sandbox-keys").get("connected").asBoolean()).isFalse();
        assertThat(jdbc.sql("select count(*) from connection where org_id = ?").param(org.id()).query(Long.class).single())
                .as("nothing stored").isZero();

        Api.Response right = browser.post("/api/v2/app/sandbox-keys/save", Map.of("api_key", "key_good"));
        assertThat(right.status()).as(right.text()).isEqualTo(200);
        assertThat(right.json().get("success").asBoolean()).isTrue();
        JsonNode shown = app(browser, "sandbox-keys");
        assertThat(shown.get("connected").asBoolean()).isTrue();
        assertThat(shown.get("reauth_required").asBoolean()).isFalse();
        assertThat(events("connection.created")).containsExactly("sandbox-keys");
        assertThat(right.text()).doesNotContain("key_good").doesNotContain("at_test_");

        Api.Response again = browser.post("/api/v2/app/sandbox-keys/save", Map.of("api_key", "key_good"));
        assertThat(again.json().get("created").asBoolean()).as("the live connection gets the new key").isFalse();
        assertThat(again.json().get("connection_id")).isEqualTo(right.json().get("connection_id"));
    }

    @Test
    void doesRefuseBadSaveBodiesWithNothingStored() {
        assertThat(browser.post("/api/v2/app/sandbox-keys/save", Map.of("api_key", "key_good", "x", "y")).status()).isEqualTo(400);
        assertThat(browser.post("/api/v2/app/sandbox-keys/save", Map.of("api_key", 5)).status()).isEqualTo(400);
        assertThat(browser.post("/api/v2/app/sandbox-keys/save", Map.of()).json().get("error").asString()).isEqualTo("missing_field");
        assertThat(browser.post("/api/v2/app/sandbox-keys/save", "[1]").status()).isEqualTo(400);
        assertThat(browser.post("/api/v2/app/sandbox-ehr/save", Map.of("username", "user_good")).json().get("error").asString())
                .isEqualTo("not_keybased");
        assertThat(browser.post("/api/v2/app/google/save", Map.of()).status()).isEqualTo(404);
        assertThat(api.post("/api/v2/app/sandbox-keys/save", Map.of("api_key", "key_good")).status()).isEqualTo(401);
        assertThat(server.post("/api/v2/app/sandbox-keys/save", Map.of("api_key", "key_good")).status())
                .as("server credentials are not a session").isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from connection where org_id = ?").param(org.id()).query(Long.class).single())
                .isZero();
    }

    @Test
    void doesConnectACredentialsAppThroughLinkOpenedAtTheApp() {
        Api.Response integrate = browser.get("/api/v1/sandbox-ehr/integrate?username=user_good");
        assertThat(integrate.status()).as(integrate.text()).isEqualTo(200);
        String authUrl = integrate.json().get("auth_url").asString();
        assertThat(authUrl).startsWith(api.base() + "/link?token=lt_test_").endsWith("#username=user_good");
        assertThat(integrate.json().get("mode").asString()).isEqualTo("create");

        LinkDriver link = new LinkDriver(api.base());
        LinkDriver.Page form = link.open(linkToken(authUrl));
        assertThat(form.step()).as("Link opens at the app, no picker").isEqualTo("form");
        LinkDriver.Page done = link.submit(Map.of("username", "user_good", "password", "pass_good"));
        assertThat(done.step()).isEqualTo("succeeded");
        assertThat(done.publicToken()).as("nobody holds a public token on the popup path").isNull();

        JsonNode connected = app(browser, "sandbox-ehr");
        assertThat(connected.get("connected").asBoolean()).isTrue();
        assertThat(connected.get("reauth_required").asBoolean()).isFalse();
        assertThat(events("connection.created")).as("written when Link finished").containsExactly("sandbox-ehr");
    }

    @Test
    void doesStoreIntegrateParametersAsTheConnectionsFieldsWhenTheFormDoesNotAskForThem() {
        Api.Response integrate = browser.get("/api/v1/sandbox-ehr/integrate?region=eu-west&practice=acme-clinic");
        assertThat(integrate.status()).as(integrate.text()).isEqualTo(200);
        LinkDriver link = new LinkDriver(api.base());
        link.open(linkToken(integrate.json().get("auth_url").asString()));
        assertThat(link.submit(Map.of("username", "user_good", "password", "pass_good")).step()).isEqualTo("succeeded");

        String id = jdbc.sql("select id from connection where org_id = ? and app_slug = 'sandbox-ehr'").param(org.id())
                .query(String.class).single();
        Connections connections = context.getBean(Connections.class);
        Map<String, String> stored = connections.credentials(
                connections.find(org.id(), Environment.TEST, id).orElseThrow());
        assertThat(stored).containsEntry("region", "eu-west").containsEntry("practice", "acme-clinic")
                .containsEntry("username", "user_good").containsEntry("password", "pass_good");
    }

    @Test
    void doesRunUpdateModeWhenTheConnectionNeedsTheUserAgain() {
        String accessToken = server.put("/api/v2/public/migrate-token", Map.of("linked_account_id", "conn-user",
                "slug", "sandbox-ehr", "auth_object", Map.of("username", "user_good", "password", "pass_good")))
                .json().get("access_token").asString();
        assertThat(server.post("/sandbox/connection/reset_login", Map.of("access_token", accessToken,
                "reason", "password_expired")).status()).isEqualTo(200);
        JsonNode failing = app(browser, "sandbox-ehr");
        assertThat(failing.get("connected").asBoolean()).isTrue();
        assertThat(failing.get("reauth_required").asBoolean()).isTrue();

        Api.Response update = browser.get("/api/v1/sandbox-ehr/integrate");
        assertThat(update.json().get("mode").asString()).isEqualTo("update");
        LinkDriver again = new LinkDriver(api.base());
        LinkDriver.Page onlyPassword = again.open(linkToken(update.json().get("auth_url").asString()));
        assertThat(onlyPassword.step()).isEqualTo("challenge");
        assertThat(onlyPassword.html()).contains("new password").doesNotContain("name=\"username\" value=\"\"");
        LinkDriver.Page repaired = again.submit(Map.of("password", "pass_good"));
        assertThat(repaired.step()).isEqualTo("succeeded");
        assertThat(repaired.publicToken()).as("no public token: the access token did not change").isNull();

        JsonNode fixed = app(browser, "sandbox-ehr");
        assertThat(fixed.get("connected").asBoolean()).isTrue();
        assertThat(fixed.get("reauth_required").asBoolean()).isFalse();
        Api.Response status = server.withHeader("access_token", accessToken).get("/v1/connection");
        assertThat(status.json().get("status").asString()).as("same access token, working again").isEqualTo("active");
        assertThat(events("connection.repaired")).containsExactly("sandbox-ehr");
        assertThat(events("connection.created")).as("only the import's").hasSize(1);
    }

    @Test
    void doesDisconnectAndFireConnectionDeleted() {
        browser.post("/api/v2/app/sandbox-keys/save", Map.of("api_key", "key_good"));

        Api.Response r = browser.delete("/api/v1/linked-acc/integration/sandbox-keys");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(app(browser, "sandbox-keys").get("connected").asBoolean()).isFalse();
        assertThat(events("connection.deleted")).containsExactly("sandbox-keys");
        assertThat(browser.delete("/api/v1/linked-acc/integration/sandbox-keys").status()).isEqualTo(404);
    }

    @Test
    void doesKeepConnectionsToTheTokensOwnAccountOrganizationAndEnvironment() {
        browser.post("/api/v2/app/sandbox-keys/save", Map.of("api_key", "key_good"));
        Api neighbour = Sessions.browser(api, Sessions.token(server, "conn-neighbour"));
        assertThat(app(neighbour, "sandbox-keys").get("connected").asBoolean()).isFalse();
        assertThat(neighbour.delete("/api/v1/linked-acc/integration/sandbox-keys").status()).isEqualTo(404);

        Api otherOrg = Sessions.browser(api, Sessions.token(newOrganization().test().withKey(api), "conn-user"));
        assertThat(app(otherOrg, "sandbox-keys").get("connected").asBoolean()).isFalse();
        assertThat(otherOrg.delete("/api/v1/linked-acc/integration/sandbox-keys").status()).isEqualTo(404);

        Api production = Sessions.browser(api, Sessions.token(org.production().withKey(api), "conn-user"));
        assertThat(production.delete("/api/v1/linked-acc/integration/sandbox-keys").status()).isEqualTo(404);
        assertThat(production.get("/api/v1/sandbox-keys/integrate").status()).isEqualTo(404);
        assertThat(app(browser, "sandbox-keys").get("connected").asBoolean()).as("still connected").isTrue();
        assertThat(browser.get("/api/v1/sandbox-ehr/integrate?" + "a".repeat(70) + "=1").status()).isEqualTo(400);
    }
}
