package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The groundwork for update mode (issue 5 completes it): a link token made with an access token
 * reopens the connection's app at the failed step and keeps the access token.
 */
class UpdateModeTest extends IntegrationTest {

    private TestOrganization org;
    private Api server;
    private LinkDriver browser;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
    }

    private String connect(String username) {
        Api.Response r = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "upd-1", "app", "sandbox-ehr", "options", Map.of("username", username)));
        return LinkTokens.exchange(server, r.json().get("public_token").asString());
    }

    @Test
    void doesAskOnlyForTheCodeAndKeepTheAccessTokenWhenTheOtpExpired() {
        String accessToken = connect("mfa_device");
        jdbc.sql("update connection set status = 'login_required', status_reason = 'otp_expired' where org_id = ?")
                .param(org.id()).update();

        LinkDriver.Page code = browser.open(LinkTokens.update(accessToken).create(server));

        assertThat(code.step()).isEqualTo("challenge");
        assertThat(code.hasField("code")).isTrue();
        assertThat(code.hasField("password")).isFalse();
        LinkDriver.Page done = browser.submit(Map.of("code", "1234"));
        assertThat(done.step()).isEqualTo("succeeded");
        assertThat(LinkTokens.exchange(server, done.publicToken())).isEqualTo(accessToken);
        assertThat(jdbc.sql("select status || ':' || credential_version from connection where org_id = ?").param(org.id())
                .query(String.class).single()).isEqualTo("active:2");
        List<String> transitions = jdbc.sql("select to_status || ':' || coalesce(reason, '') from connection_transition t "
                        + "join connection c on c.id = t.connection_id where c.org_id = ? order by seq")
                .param(org.id()).query(String.class).list();
        assertThat(transitions).containsExactly("active:linked", "active:");
    }

    @Test
    void doesShowTheUsernameFixedAndAskForThePasswordWhenThePasswordExpired() {
        String accessToken = connect("user_good");
        jdbc.sql("update connection set status = 'login_required', status_reason = 'password_expired' where org_id = ?")
                .param(org.id()).update();

        LinkDriver.Page page = browser.open(LinkTokens.update(accessToken).create(server));

        assertThat(page.html()).contains("value=\"user_good\"", "readonly");
        assertThat(browser.submit(Map.of("password", "pass_good")).step()).isEqualTo("succeeded");
    }

    @Test
    void doesNotFindAnAccessTokenOfAnotherOrganization() {
        String accessToken = connect("user_good");

        Api.Response r = newOrganization().test().withKey(api).post("/link/token/create", LinkTokens.update(accessToken).body());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asString()).isEqualTo("invalid_access_token");
    }

    @Test
    void doesRefuseToRenderInsideAPageOfAnOriginOffTheAllowList() {
        server.put("/api/v2/public/link/settings", Map.of("allowed_origins", List.of("https://app.example")));

        LinkDriver.Page first = browser.openRaw(LinkTokens.forUser("u").create(server), "https://evil.example");
        LinkDriver.Page page = browser.follow(first);

        assertThat(page.step()).isEqualTo("failed");
        assertThat(page.error()).contains("may not be embedded by https://evil.example");
    }
}
