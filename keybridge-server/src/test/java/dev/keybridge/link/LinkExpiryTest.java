package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Link tokens, sessions and public tokens expire by the server's clock: the test moves the clock
 * past each lifetime (30 minutes, 10 minutes by default) instead of sleeping.
 */
class LinkExpiryTest extends IntegrationTest {

    private Api server;
    private LinkDriver browser;

    @BeforeEach
    void setUp() {
        TestOrganization org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void doesRefuseALinkTokenWhenTheClockHasPassedItsLifetime() {
        String token = LinkTokens.forUser("u-expiry").app("sandbox-ehr").create(server);

        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        LinkDriver.Page page = browser.openRaw(token, null);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html()).contains("link_token_expired");
    }

    @Test
    void doesStopAnOpenSessionWhenTheClockHasPassedItsLifetime() {
        browser.open(LinkTokens.forUser("u-expiry").app("sandbox-ehr").create(server));

        clock.advance(Duration.ofMinutes(31));
        LinkDriver.Page page = browser.submit(Map.of("username", "user_good", "password", "pass_good"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html()).contains("link_session_expired");
    }

    @Test
    void doesRefuseAPublicTokenWhenTheClockHasPassedItsLifetime() {
        browser.open(LinkTokens.forUser("u-expiry").app("sandbox-ehr").create(server));
        String publicToken = browser.submit(Map.of("username", "user_good", "password", "pass_good")).publicToken();
        assertThat(publicToken).startsWith("pt_test_");

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        Api.Response r = server.post("/link/token/exchange", Map.of("public_token", publicToken));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).isEqualTo("public_token_expired");
    }

    @Test
    void doesExchangeAPublicTokenJustBeforeItsLifetimeEnds() {
        browser.open(LinkTokens.forUser("u-expiry").app("sandbox-ehr").create(server));
        String publicToken = browser.submit(Map.of("username", "user_good", "password", "pass_good")).publicToken();

        clock.advance(Duration.ofMinutes(9));
        Api.Response r = server.post("/link/token/exchange", Map.of("public_token", publicToken));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }
}
