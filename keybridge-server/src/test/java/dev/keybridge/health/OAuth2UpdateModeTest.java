package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.connection.Connection;
import dev.keybridge.support.Api;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The update-mode story for OAuth2 against mock-oauth2-server (an independent server): link, proxy
 * its userinfo, the refresh token is revoked at the provider, the token expires, the refresh is
 * refused (login_required, refresh_failed, one webhook), update mode shows the consent step, the
 * provider grants again, the same access token works and connection.repaired arrives.
 */
class OAuth2UpdateModeTest extends HealthIntegrationTest {

    private TestOrganization org;
    private Api server;
    private LinkDriver browser;
    private Receiver receiver;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
        receiver = new Receiver();
        enable(server, "mock-oauth");
        hook(server, receiver, "access_token.login_required", "connection.repaired");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** Continue on the consent step → mock-oauth2-server grants → back to the callback. */
    private LinkDriver.Page consentAndReturn(LinkDriver.Page consent) {
        assertThat(consent.step()).isEqualTo("form");
        LinkDriver.Page out = browser.submit(Map.of());
        assertThat(out.status()).isEqualTo(302);
        LinkDriver.Page provider = browser.get(out.location());
        assertThat(provider.status()).isEqualTo(302);
        return browser.follow(provider);
    }

    @Test
    void doesRepairAnOAuth2ConnectionThroughTheConsentStepWhenTheRefreshTokenWasRevoked() throws Exception {
        LinkDriver.Page done = consentAndReturn(browser.open(LinkTokens.forUser("oauth-user").app("mock-oauth").create(server)));
        assertThat(done.step()).as(done.html()).isEqualTo("succeeded");
        String accessToken = LinkTokens.exchange(server, done.publicToken());
        Api.Response userinfo = proxy(server, accessToken, "GET", "userinfo", null);
        assertThat(userinfo.status()).as(userinfo.text()).isEqualTo(200);

        Connection c = connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow();
        String refreshToken = connections.credentials(c).get("refresh_token");
        assertThat(refreshToken).as("mock-oauth2-server issued a refresh token").isNotBlank();
        revokeAtProvider(refreshToken);
        assertThat(server.post("/sandbox/connection/expire_token", Map.of("access_token", accessToken)).status()).isEqualTo(200);

        Api.Response refused = proxy(server, accessToken, "GET", "userinfo", null);
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.json().get("status_reason").asString()).isEqualTo("refresh_failed");
        assertThat(proxy(server, accessToken, "GET", "userinfo", null).status()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "access_token.login_required").size() == 1);

        LinkDriver.Page consent = browser.open(LinkTokens.update(accessToken).create(server));
        assertThat(consent.hasField("password")).isFalse();
        LinkDriver.Page repaired = consentAndReturn(consent);
        assertThat(repaired.step()).as(repaired.html()).isEqualTo("succeeded");

        Api.Response again = proxy(server, accessToken, "GET", "userinfo", null);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "connection.repaired").size() == 1);
        assertThat(events(receiver, "access_token.login_required")).hasSize(1);
        assertThat(LinkTokens.exchange(server, repaired.publicToken())).isEqualTo(accessToken);
    }

    @Test
    void doesRevokeTheGrantAtTheProviderWhenAnOAuth2ConnectionIsDeleted() {
        LinkDriver.Page done = consentAndReturn(browser.open(LinkTokens.forUser("leaving").app("mock-oauth").create(server)));
        String accessToken = LinkTokens.exchange(server, done.publicToken());
        Connection c = connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow();

        Api.Response deleted = server.delete("/api/v2/public/linked-account/leaving/connections/" + c.id());

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().get("revoked_at_provider").asBoolean()).isTrue();
        assertThat(server.withHeader("access_token", accessToken).get("/v1/connection").status()).isEqualTo(404);
        assertThat(server.get("/api/v2/public/linked-account/leaving/connections").json().get(0).get("status").asString())
                .isEqualTo("disconnected");
        assertThat(server.post("/link/token/create", LinkTokens.update(accessToken).body()).status()).isEqualTo(404);
    }

    @Test
    void doesRefuseSandboxControlsWhenTheCallerIsInProduction() {
        Api.Response r = org.production().withKey(api).post("/sandbox/connection/reset_login",
                Map.of("access_token", "at_live_x", "reason", "otp_expired"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asString()).isEqualTo("sandbox_only");
    }

    private static void revokeAtProvider(String refreshToken) throws Exception {
        String basic = Base64.getEncoder().encodeToString("keybridge-test-client:test-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(MOCK.issuerUrl("issuer1") + "/revoke"))
                .header("content-type", "application/x-www-form-urlencoded").header("authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("token=" + refreshToken + "&token_type_hint=refresh_token"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
