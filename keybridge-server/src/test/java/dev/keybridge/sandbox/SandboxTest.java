package dev.keybridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The built-in sandbox: its OAuth2 provider, its upstream APIs, and browserless public tokens. */
class SandboxTest extends IntegrationTest {

    private Api server;
    private LinkDriver browser;

    @BeforeEach
    void setUp() {
        TestOrganization org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
    }

    private LinkDriver.Page authorizePage() {
        browser.open(LinkTokens.forUser("u-1").app("sandbox-oauth").create(server));
        LinkDriver.Page out = browser.submit(Map.of());
        assertThat(out.location()).startsWith(api.base() + "/sandbox/oauth/authorize?");
        LinkDriver.Page page = browser.get(out.location());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains("Approve", "Deny");
        return page;
    }

    private LinkDriver.Page decide(LinkDriver.Page authorizePage, String decision) {
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
                .matcher(authorizePage.html());
        while (m.find()) {
            form.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        form.put("decision", decision);
        return browser.post("/sandbox/oauth/authorize", form);
    }

    private Api.Response token(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/sandbox/oauth/token"))
                .header("authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "keybridge-sandbox:keybridge-sandbox-secret".getBytes(StandardCharsets.UTF_8)))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    @Test
    void doesLinkTheSandboxOAuthAppWhenTheUserApproves() {
        LinkDriver.Page back = decide(authorizePage(), "approve");
        assertThat(back.location()).startsWith(api.base() + "/link/oauth/callback?code=");

        LinkDriver.Page done = browser.follow(back);

        assertThat(done.step()).isEqualTo("succeeded");
        assertThat(LinkTokens.exchange(server, done.publicToken())).startsWith("at_test_");
    }

    @Test
    void doesShowADenialWhenTheUserDeniesAtTheSandboxProvider() {
        LinkDriver.Page back = decide(authorizePage(), "deny");
        assertThat(back.location()).contains("error=access_denied");

        LinkDriver.Page page = browser.follow(back);

        assertThat(page.step()).isEqualTo("form");
        assertThat(page.error()).contains("declined access");
    }

    @Test
    void doesRotateTheRefreshTokenAndServeTheUpstreamOnlyWithALiveToken() {
        Map<String, Object> grant = context().getBean(SandboxOAuthProvider.class).grantDirectly("profile");
        String refresh = (String) grant.get("refresh_token");
        String access = (String) grant.get("access_token");
        assertThat(api.withHeader("authorization", "Bearer " + access).get("/sandbox/api/oauth/me").status()).isEqualTo(200);

        Api.Response rotated = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh));
        Api.Response reused = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh));

        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        JsonNode fresh = rotated.json();
        assertThat(fresh.get("refresh_token").asString()).isNotEqualTo(refresh);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(api.withHeader("authorization", "Bearer " + access).get("/sandbox/api/oauth/contacts").status())
                .as("the old access token is replaced").isEqualTo(401);
        assertThat(api.withHeader("authorization", "Bearer " + fresh.get("access_token").asString())
                .get("/sandbox/api/oauth/contacts").status()).isEqualTo(200);
    }

    @Test
    void doesAnswerTheUpstreamApisOnlyForValidCredentials() {
        String good = Base64.getEncoder().encodeToString("mfa_device:pass_good".getBytes(StandardCharsets.UTF_8));
        String bad = Base64.getEncoder().encodeToString("user_locked:pass_good".getBytes(StandardCharsets.UTF_8));

        assertThat(api.withHeader("authorization", "Basic " + good).get("/sandbox/api/ehr/patients").status()).isEqualTo(200);
        assertThat(api.withHeader("authorization", "Basic " + bad).get("/sandbox/api/ehr/me").status()).isEqualTo(401);
        assertThat(api.withHeader("x-sandbox-key", "key_good").get("/sandbox/api/keys/invoices").status()).isEqualTo(200);
        assertThat(api.withHeader("x-sandbox-key", "nope").get("/sandbox/api/keys/me").status()).isEqualTo(401);
        assertThat(api.get("/sandbox/api/oauth/me").status()).isEqualTo(401);
    }

    @Test
    void doesMakeAConnectionWithoutABrowserForEachSandboxApp() {
        for (String app : new String[] {"sandbox-ehr", "sandbox-keys", "sandbox-oauth"}) {
            Api.Response r = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "backend-only", "app", app));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().get("success").asBoolean()).isTrue();
            assertThat(LinkTokens.exchange(server, r.json().get("public_token").asString())).startsWith("at_test_");
        }
        Api.Response refused = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "x", "app", "sandbox-ehr", "options", Map.of("username", "user_locked")));
        assertThat(refused.status()).isEqualTo(400);
    }

    private ApplicationContext context() {
        return applicationContext;
    }

    @Autowired
    private ApplicationContext applicationContext;
}
