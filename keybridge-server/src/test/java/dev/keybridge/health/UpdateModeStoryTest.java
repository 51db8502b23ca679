package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The update-mode story over real HTTP: link the sandbox EHR with MFA, proxy /me, reset_login
 * otp_expired, 403 login_required and exactly one webhook, update-mode Link asks only for the code,
 * the proxy works again with the same access token and connection.repaired arrives.
 */
class UpdateModeStoryTest extends HealthIntegrationTest {

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
        hook(server, receiver, "access_token.login_required", "connection.repaired", "connection.deleted");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private String linkEhrWithMfa() {
        LinkDriver.Page form = browser.open(LinkTokens.forUser("patient-1").app("sandbox-ehr").create(server));
        assertThat(form.step()).isEqualTo("form");
        LinkDriver.Page code = browser.submit(Map.of("username", "mfa_device", "password", "pass_good"));
        assertThat(code.step()).isEqualTo("challenge");
        LinkDriver.Page done = browser.submit(Map.of("code", "1234"));
        assertThat(done.step()).isEqualTo("succeeded");
        return LinkTokens.exchange(server, done.publicToken());
    }

    @Test
    void doesRepairTheSameAccessTokenThroughUpdateModeWhenTheOtpExpired() {
        String accessToken = linkEhrWithMfa();
        Api.Response me = proxy(server, accessToken, "GET", "me", null);
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("mfa_device");

        Api.Response reset = server.post("/sandbox/connection/reset_login",
                Map.of("access_token", accessToken, "reason", "otp_expired"));
        assertThat(reset.status()).as(reset.text()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            Api.Response refused = proxy(server, accessToken, "GET", "me", null);
            assertThat(refused.status()).isEqualTo(403);
            JsonNode body = refused.json();
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.get("error").asString()).isEqualTo("login_required");
            assertThat(body.get("message").asString()).isEqualTo("Account link expired. Please go through the integration setup again.");
            assertThat(body.get("status_reason").asString()).isEqualTo("otp_expired");
            assertThat(body.get("error_type").asString()).isEqualTo("authentication");
            assertThat(body.get("request_id").asString()).isNotBlank();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "access_token.login_required").size() == 1);
        JsonNode event = events(receiver, "access_token.login_required").getFirst();
        assertThat(event.at("/data/status_reason").asString()).isEqualTo("otp_expired");
        assertThat(event.at("/data/linked_account_id").asString()).isEqualTo("patient-1");
        assertThat(event.toString()).doesNotContain(accessToken);

        LinkDriver.Page code = browser.open(LinkTokens.update(accessToken).create(server));
        assertThat(code.step()).isEqualTo("challenge");
        assertThat(code.hasField("code")).isTrue();
        assertThat(code.hasField("username")).isFalse();
        assertThat(code.hasField("password")).isFalse();
        LinkDriver.Page done = browser.submit(Map.of("code", "1234"));
        assertThat(done.step()).isEqualTo("succeeded");

        Api.Response again = proxy(server, accessToken, "GET", "me", null);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "connection.repaired").size() == 1);
        assertThat(events(receiver, "access_token.login_required")).hasSize(1);
        assertThat(LinkTokens.exchange(server, done.publicToken())).isEqualTo(accessToken);

        JsonNode status = server.withHeader("access_token", accessToken).get("/v1/connection").json();
        assertThat(status.get("status").asString()).isEqualTo("active");
        assertThat(status.get("transitions").toString())
                .contains("\"to\":\"login_required\",\"reason\":\"otp_expired\"", "\"from\":\"login_required\",\"to\":\"active\"");
    }

    @Test
    void doesFireLoginRequiredOnceWhenManyCallsSeeTheUpstreamRefuseAtOnce() throws Exception {
        String accessToken = linkEhrWithMfa();
        String id = jdbc.sql("select id from connection where org_id = ?").param(org.id()).query(String.class).single();
        // The password changed at the EHR: the stored one no longer works upstream.
        Map<String, String> stale = Map.of("username", "mfa_device", "password", "old_password");
        tx.executeWithoutResult(s -> {
            var c = connections.find(org.id(), Environment.TEST, id).orElseThrow();
            connections.replaceCredentials(c, c.credentialVersion(), stale, null);
        });

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var calls = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> proxy(server, accessToken, "GET", "patients", null))).toList();
            for (var call : calls) {
                Api.Response r = call.get();
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.json().get("status_reason").asString()).isEqualTo("invalid_credentials");
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "access_token.login_required").size() >= 1);
        assertThat(jdbc.sql("select count(*) from connection_transition where connection_id = ? and to_status = 'login_required'")
                .param(id).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from event where org_id = ? and type = 'access_token.login_required'")
                .param(org.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void doesAskOnlyForThePasswordWithTheUsernameFixedWhenThePasswordExpired() {
        String accessToken = linkEhrWithMfa();
        server.post("/sandbox/connection/reset_login", Map.of("access_token", accessToken, "reason", "password_expired"));

        LinkDriver.Page page = browser.open(LinkTokens.update(accessToken).create(server));

        assertThat(page.html()).contains("value=\"mfa_device\"", "readonly");
        assertThat(page.hasField("password")).isTrue();
        LinkDriver.Page next = browser.submit(Map.of("password", "pass_good"));
        LinkDriver.Page done = next.step().equals("challenge") ? browser.submit(Map.of("code", "1234")) : next;
        assertThat(done.step()).isEqualTo("succeeded");
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);
    }

    @Test
    void doesLetTheUserReenterCredentialsWhenTheConnectionIsHealthy() {
        String accessToken = linkEhrWithMfa();

        LinkDriver.Page form = browser.open(LinkTokens.update(accessToken).create(server));
        assertThat(form.step()).isIn("form", "challenge");
        assertThat(form.hasField("password")).isTrue();
        LinkDriver.Page next = browser.submit(Map.of("username", "mfa_device", "password", "pass_good"));
        LinkDriver.Page done = next.step().equals("challenge") ? browser.submit(Map.of("code", "1234")) : next;

        assertThat(done.step()).isEqualTo("succeeded");
        assertThat(LinkTokens.exchange(server, done.publicToken())).isEqualTo(accessToken);
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);
    }

    @Test
    void doesDisconnectAndFireConnectionDeletedWhenDeleted() {
        String accessToken = linkEhrWithMfa();

        Api.Response deleted = server.withHeader("access_token", accessToken).delete("/v1/connection");

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(404);
        JsonNode list = server.get("/api/v2/public/linked-account/patient-1/connections").json();
        assertThat(list.get(0).get("status").asString()).isEqualTo("disconnected");
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "connection.deleted").size() == 1);
        assertThat(jdbc.sql("select credential_ciphertext is null from connection where org_id = ?").param(org.id())
                .query(Boolean.class).single()).isTrue();
    }
}
