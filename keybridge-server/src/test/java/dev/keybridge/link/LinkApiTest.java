package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.connection.Connections;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Link tokens, public tokens and exchange (wire-formats §4) over HTTP. */
class LinkApiTest extends IntegrationTest {

    private TestOrganization org;
    private Api server;
    private LinkDriver browser;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
    }

    private String linkSandboxEhr(Api as, String user) {
        browser.open(LinkTokens.forUser(user).app("sandbox-ehr").create(as));
        LinkDriver.Page done = browser.submit(Map.of("username", "user_good", "password", "pass_good"));
        assertThat(done.step()).isEqualTo("succeeded");
        return done.publicToken();
    }

    @Test
    void doesAnswerTheSeedShapeWhenCreatingWithClientCredentials() {
        Api.Response r = org.test().withClient(api).post("/link/token/create", LinkTokens.forUser("u-1").body());

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.propertyNames()).containsExactly("success", "token", "expiration");
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("token").asString()).startsWith("lt_test_");
        assertThat(server.get("/api/v2/public/linked-account/u-1").status()).as("the linked account is created").isEqualTo(200);
    }

    @Test
    void doesRefuseWhenNoServerCredentialIsSent() {
        assertThat(api.post("/link/token/create", LinkTokens.forUser("u-1").body()).status()).isEqualTo(401);
        assertThat(api.post("/link/token/exchange", Map.of("public_token", "pt_test_x")).status()).isEqualTo(401);
    }

    @Test
    void doesRejectUnknownFieldsAndMissingUserWhenCreating() {
        assertThat(server.post("/link/token/create", Map.of("user_id", "u", "colour", "red")).json().get("error").asString())
                .isEqualTo("invalid_request");
        assertThat(server.post("/link/token/create", Map.of("org_id", "o")).status()).isEqualTo(400);
        assertThat(server.post("/link/token/create", Map.of("user_id", "u", "app", "no-such-app")).status()).isEqualTo(404);
    }

    @Test
    void doesResumeWithANewHandleWhenTheLinkTokenIsOpenedAgainUntilASessionSucceeds() {
        String token = LinkTokens.forUser("u-1").app("sandbox-ehr").create(server);
        browser.open(token);
        String first = browser.handle();
        assertThat(browser.submit(Map.of("username", "mfa_device", "password", "pass_good")).step()).isEqualTo("challenge");

        LinkDriver.Page again = browser.open(token);

        assertThat(again.step()).as("the same session resumes at its step").isEqualTo("challenge");
        assertThat(browser.handle()).isNotEqualTo(first);
        assertThat(browser.get("/link/s/" + first).status()).as("the old handle stops working").isEqualTo(404);
        assertThat(browser.submit(Map.of("code", "1234")).step()).isEqualTo("succeeded");
        LinkDriver.Page spent = browser.openRaw(token, null);
        assertThat(spent.status()).isEqualTo(400);
        assertThat(spent.html()).contains("link_token_used");
        assertThat(spent.error()).contains("already completed");
    }

    @Test
    void doesRefuseToOpenWhenTheLinkTokenHasExpired() {
        String token = LinkTokens.forUser("u-1").create(server);
        jdbc.sql("update link_session set expires_at = ? where org_id = ?")
                .params(Timestamp.from(clock.instant().minus(Duration.ofSeconds(1))), org.id()).update();

        LinkDriver.Page page = browser.openRaw(token, null);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.error()).contains("expired");
    }

    @Test
    void doesGiveTheResultOnceToTheOpeningOriginWhenThePageAsksByLinkToken() {
        String token = LinkTokens.forUser("u-1").app("sandbox-keys").create(server);
        assertThat(api.get("/link/result?token=" + token).json().get("status").asString()).isEqualTo("pending");
        browser.open(token, "https://app.example");
        browser.submit(Map.of("api_key", "key_good"));

        Api.Response first = api.get("/link/result?token=" + token);
        Api.Response second = api.get("/link/result?token=" + token);

        assertThat(first.header("access-control-allow-origin")).isEqualTo("https://app.example");
        assertThat(first.json().get("status").asString()).isEqualTo("success");
        String publicToken = first.json().get("public_token").asString();
        assertThat(second.json().get("status").asString()).isEqualTo("done");
        assertThat(second.json().has("public_token")).isFalse();
        assertThat(LinkTokens.exchange(server, publicToken)).startsWith("at_test_");
        assertThat(api.get("/link/result?token=lt_test_unknown").status()).isEqualTo(404);
    }

    @Test
    void doesCloseTheSessionAndTellTheAppWhenTheUserCancels() {
        server.put("/api/v2/public/link/settings", Map.of("redirect_uris", List.of("https://app.example/linked")));
        browser.open(LinkTokens.forUser("u-1").redirectUri("https://app.example/linked").create(server));

        LinkDriver.Page exited = browser.exit();

        assertThat(exited.location()).startsWith("https://app.example/linked?status=exited&link_session_id=link_")
                .endsWith("&exit_status=choose_app");
        assertThat(browser.get("/link/s/" + browser.handle()).step()).isEqualTo("exited");
        assertThat(browser.select("sandbox-ehr").status()).as("an exited Link takes no more input").isEqualTo(409);
    }

    @Test
    void doesAllowFramingOnlyForTheLinkPages() {
        Api.Response page = api.get("/link?token=lt_test_nothing");
        Api.Response apiCall = server.get("/api/v2/public/application");

        assertThat(page.header("x-frame-options")).isNull();
        assertThat(page.header("content-security-policy")).startsWith("frame-ancestors *;").contains("default-src 'self'");
        assertThat(page.header("referrer-policy")).isEqualTo("no-referrer");
        assertThat(apiCall.header("x-frame-options")).isEqualTo("DENY");
        assertThat(api.get("/link.js").header("content-type")).startsWith("text/javascript");
    }

    @Test
    void doesShowThePickerWithSandboxAppsWhenNoAppIsNamed() {
        LinkDriver.Page picker = browser.open(LinkTokens.forUser("u-1").create(server));

        assertThat(picker.step()).isEqualTo("picking");
        assertThat(picker.html()).contains("Sandbox EHR", "Sandbox Keys", "Sandbox OAuth").doesNotContain(">Google<");
        LinkDriver.Page detected = browser.get("/link/s/" + browser.handle() + "?q=" + "nurse%40sandbox-ehr.example");
        assertThat(detected.html()).contains("Best match: Sandbox EHR");
        assertThat(browser.select("sandbox-ehr").step()).isEqualTo("form");
    }

    @Test
    void doesExchangeExactlyOnceAndEmitConnectionCreatedWhenLinkSucceeds() {
        String publicToken = linkSandboxEhr(server, "u-1");

        Api.Response first = server.post("/link/token/exchange", Map.of("public_token", publicToken));
        Api.Response second = server.post("/link/token/exchange", Map.of("public_token", publicToken));

        assertThat(first.json().propertyNames()).containsExactly("success", "token");
        assertThat(first.json().get("token").asString()).startsWith("at_test_");
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().get("error").asString()).isEqualTo("public_token_used");
        List<String> events = jdbc.sql("select data->>'linked_account_id' from event where org_id = ? and type = 'connection.created'")
                .param(org.id()).query(String.class).list();
        assertThat(events).containsExactly("u-1");
        String stored = jdbc.sql("select encode(access_token_hash, 'hex') from connection where org_id = ?")
                .param(org.id()).query(String.class).single();
        assertThat(stored).doesNotContain(first.json().get("token").asString());
    }

    @Test
    void doesExchangeWithGetAsTheOriginalDoes() {
        String publicToken = linkSandboxEhr(org.test().withClient(api), "u-1");

        Api.Response r = org.test().withClient(api).get("/link/token/exchange?public_token=" + publicToken);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
    }

    @Test
    void doesRefuseAnExpiredPublicToken() {
        String publicToken = linkSandboxEhr(server, "u-1");
        jdbc.sql("update public_token set expires_at = ? where org_id = ?")
                .params(Timestamp.from(clock.instant().minus(Duration.ofSeconds(1))), org.id()).update();

        Api.Response r = server.post("/link/token/exchange", Map.of("public_token", publicToken));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).isEqualTo("public_token_expired");
    }

    @Test
    void doesNotExchangeAcrossOrganizationsOrEnvironments() {
        String publicToken = linkSandboxEhr(server, "u-1");
        TestOrganization other = newOrganization();

        assertThat(other.test().withKey(api).post("/link/token/exchange", Map.of("public_token", publicToken))
                .json().get("error").asString()).isEqualTo("invalid_public_token");
        assertThat(org.production().withKey(api).post("/link/token/exchange", Map.of("public_token", publicToken))
                .json().get("error").asString()).isEqualTo("invalid_public_token");
        assertThat(LinkTokens.exchange(server, publicToken)).startsWith("at_test_");
    }

    @Test
    void doesNotOfferSandboxAppsInProduction() {
        Api production = org.production().withKey(api);

        assertThat(production.get("/api/v2/public/application").json().size()).isZero();
        assertThat(production.post("/link/token/create", LinkTokens.forUser("u-1").app("sandbox-ehr").body()).status())
                .isEqualTo(404);
        assertThat(production.post("/sandbox/public_token/create", Map.of("linked_account_id", "u-1", "app", "sandbox-ehr"))
                .status()).isEqualTo(403);
    }

    @Test
    void doesRefuseARedirectUriOffTheAllowList() {
        Api.Response refused = server.post("/link/token/create",
                LinkTokens.forUser("u-1").redirectUri("https://evil.example/cb").body());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("redirect_uri_not_allowed");
    }

    @Test
    void doesRedirectWithThePublicTokenWhenTheRedirectUriIsAllowed() {
        Api.Response put = server.put("/api/v2/public/link/settings",
                Map.of("redirect_uris", List.of("https://app.example/linked"), "allowed_origins", List.of()));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        browser.open(LinkTokens.forUser("u-1").app("sandbox-keys").redirectUri("https://app.example/linked").create(server));

        LinkDriver.Page done = browser.submit(Map.of("api_key", "key_good"));

        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).startsWith("https://app.example/linked?public_token=pt_test_");
        String publicToken = done.location().replaceAll(".*public_token=(pt_test_[A-Za-z0-9_]+).*", "$1");
        assertThat(LinkTokens.exchange(server, publicToken)).startsWith("at_test_");
    }

    @Test
    void doesShowTheProviderRefusalWhenTheKeyFailsVerification() {
        browser.open(LinkTokens.forUser("u-1").app("sandbox-keys").create(server));

        LinkDriver.Page refused = browser.submit(Map.of("api_key", "key_bad"));

        assertThat(refused.step()).isEqualTo("form");
        assertThat(refused.error()).contains("did not accept these details");
        assertThat(jdbc.sql("select count(*) from connection where org_id = ?").param(org.id()).query(Integer.class).single()).isZero();
    }

    @Test
    void doesFillConnectedWhenTheLinkedAccountHasAConnection() {
        Api.Response created = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "u-9", "app", "sandbox-ehr", "options", Map.of("username", "mfa_device")));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        LinkTokens.exchange(server, created.json().get("public_token").asString());

        JsonNode ehr = server.withHeader("linked_account_id", "u-9").get("/api/v2/public/application/sandbox-ehr").json();
        JsonNode keys = server.withHeader("linked_account_id", "u-9").get("/api/v2/public/application/sandbox-keys").json();
        JsonNode anonymous = server.get("/api/v2/public/application/sandbox-ehr").json();

        assertThat(ehr.propertyNames()).containsExactly("name", "description", "icon", "type", "slug", "auth_type",
                "connected", "reauth_required", "auth_input_map");
        assertThat(ehr.get("connected").asBoolean()).isTrue();
        assertThat(ehr.get("reauth_required").asBoolean()).isFalse();
        assertThat(ehr.get("auth_type").asString()).isEqualTo("credentials");
        assertThat(keys.get("connected").asBoolean()).isFalse();
        assertThat(keys.get("auth_input_map").get(0).get("name").asString()).isEqualTo("api_key");
        assertThat(anonymous.get("connected").asBoolean()).isFalse();
    }

    @Test
    void doesStoreTheClientSecretSealedAndNeverEchoItWhenAnAppIsEnabled() {
        Api.Response r = server.put("/api/v2/public/application/github/settings",
                Map.of("enabled", true, "client_id", "gh-client", "client_secret", "gh-secret-value"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).doesNotContain("gh-secret-value").contains("\"client_secret_set\":true");
        assertThat(server.get("/api/v2/public/application/github").json().get("auth_type").asString()).isEqualTo("oauth2");
        byte[] sealed = jdbc.sql("select client_secret_ciphertext from app_setting where org_id = ?").param(org.id())
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("gh-secret-value");
        assertThat(org.production().withKey(api).get("/api/v2/public/application/github").status())
                .as("settings are per environment").isEqualTo(404);
    }

    @Test
    void doesRefuseToDecryptCredentialsWhenTheCiphertextIsCopiedToAnotherConnection() {
        LinkTokens.exchange(server, linkSandboxEhr(server, "u-1"));
        LinkTokens.exchange(server, linkSandboxEhr(server, "u-2"));
        List<String> ids = jdbc.sql("select id from connection where org_id = ? order by id").param(org.id())
                .query(String.class).list();
        jdbc.sql("update connection set credential_ciphertext = (select credential_ciphertext from connection where id = ?) where id = ?")
                .params(ids.get(0), ids.get(1)).update();

        Api.Response r = server.post("/link/token/create", LinkTokens.forUser("u-2").body());
        assertThat(r.status()).isEqualTo(200);
        Connections connections = context.getBean(Connections.class);
        var moved = connections.find(org.id(), Environment.TEST, ids.get(1)).orElseThrow();
        var original = connections.find(org.id(), Environment.TEST, ids.get(0)).orElseThrow();

        assertThat(connections.credentials(original)).containsEntry("username", "user_good");
        assertThatThrownBy(() -> connections.credentials(moved))
                .isInstanceOf(Vault.VaultException.class);
        // The shared database must hold only values that decrypt (the backup tests verify every sealed value in it).
        jdbc.sql("delete from connection where org_id = ? and id = ?").params(org.id(), ids.get(1)).update();
    }

    @Autowired
    private ApplicationContext context;
}
