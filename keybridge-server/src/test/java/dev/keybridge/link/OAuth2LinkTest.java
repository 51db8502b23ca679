package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OAuth2 Link end to end over real HTTP against mock-oauth2-server, an independent OAuth2 server:
 * the app comes from an operator catalog file (KEYBRIDGE_CATALOG_FILE), its client from the settings API.
 */
class OAuth2LinkTest extends IntegrationTest {

    private static final MockOAuth2Server PROVIDER = start();

    private TestOrganization org;
    private Api server;
    private LinkDriver browser;

    private static MockOAuth2Server start() {
        MockOAuth2Server s = new MockOAuth2Server();
        s.start(InetAddress.getLoopbackAddress(), 0);
        return s;
    }

    @DynamicPropertySource
    static void catalog(DynamicPropertyRegistry registry) {
        try {
            Path file = Files.createTempFile("keybridge-catalog-", ".yaml");
            Files.writeString(file, """
                    apps:
                      - slug: mock-oauth
                        name: Mock Provider
                        description: mock-oauth2-server
                        auth_type: oauth2
                        oauth2:
                          authorize_url: "%s"
                          token_url: "%s"
                          scopes: [openid, profile]
                          pkce: true
                          token_auth_method: client_secret_basic
                        api_base_url: "%s"
                    """.formatted(PROVIDER.authorizationEndpointUrl("issuer1"), PROVIDER.tokenEndpointUrl("issuer1"),
                    PROVIDER.userInfoUrl("issuer1")));
            registry.add("keybridge.catalog-file", file::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
        Api.Response enabled = server.put("/api/v2/public/application/mock-oauth/settings",
                Map.of("enabled", true, "client_id", "keybridge-test-client", "client_secret", "mock-secret"));
        assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
    }

    /** Opens Link for the mock app and presses Continue: the redirect to the provider. */
    private URI authorize() {
        LinkDriver.Page form = browser.open(LinkTokens.forUser("u-oauth").app("mock-oauth").create(server));
        assertThat(form.step()).isEqualTo("form");
        LinkDriver.Page out = browser.submit(Map.of());
        assertThat(out.status()).isEqualTo(302);
        URI authorize = URI.create(out.location());
        assertThat(authorize.getQuery()).contains("client_id=keybridge-test-client", "code_challenge_method=S256",
                "response_type=code", "state=");
        return authorize;
    }

    private static String param(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void doesLinkAndExchangeWhenTheProviderGrantsACode() {
        LinkDriver.Page provider = browser.get(authorize().toString());
        assertThat(provider.status()).as("mock-oauth2-server answers with a redirect to our callback").isEqualTo(302);
        assertThat(provider.location()).startsWith(api.base() + "/link/oauth/callback?");

        LinkDriver.Page done = browser.follow(provider);

        assertThat(done.step()).as(done.html()).isEqualTo("succeeded");
        String accessToken = LinkTokens.exchange(server, done.publicToken());
        assertThat(accessToken).startsWith("at_test_");
        var connections = jdbc.sql("select app_slug, status from connection where org_id = ?").param(org.id())
                .query((rs, n) -> rs.getString(1) + ":" + rs.getString(2)).list();
        assertThat(connections).containsExactly("mock-oauth:active");
    }

    @Test
    void doesRejectTheCallbackWhenTheStateIsTampered() {
        LinkDriver.Page provider = browser.get(authorize().toString());
        String state = param(provider.location(), "state");
        String tampered = provider.location().replace("state=" + state, "state=" + state.substring(1) + "x");

        LinkDriver.Page page = browser.get(tampered);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.error()).contains("not valid");
        assertThat(jdbc.sql("select count(*) from connection where org_id = ?").param(org.id()).query(Integer.class).single()).isZero();
    }

    @Test
    void doesRejectTheCallbackWhenItIsReplayed() {
        LinkDriver.Page provider = browser.get(authorize().toString());
        assertThat(browser.follow(provider).step()).isEqualTo("succeeded");

        LinkDriver.Page replay = browser.follow(provider);

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.error()).contains("already used");
        assertThat(jdbc.sql("select count(*) from connection where org_id = ?").param(org.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void doesShowAccessDeniedPlainlyAndAllowARetryWhenTheUserDeclines() {
        URI authorize = authorize();
        String state = param(authorize.toString(), "state");

        LinkDriver.Page denied = browser.visit("/link/oauth/callback?error=access_denied&state=" + state);

        assertThat(denied.step()).isEqualTo("form");
        assertThat(denied.error()).contains("You declined access in Mock Provider");
        LinkDriver.Page retry = browser.submit(Map.of());
        assertThat(retry.status()).isEqualTo(302);
        assertThat(browser.follow(browser.get(retry.location())).step()).isEqualTo("succeeded");
    }
}
