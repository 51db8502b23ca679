package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.dashboard.signin.Invites;
import com.microsoft.playwright.Page;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Single sign-on against a real OpenID Connect provider (mock-oauth2-server) over real HTTP: a node
 * set up with KEYBRIDGE_DASHBOARD_OIDC_* on the test database lets in operators who exist, by a
 * verified e-mail address, and refuses everyone else with a clear page; the test server, without
 * those settings, shows no button and answers 404 on the single sign-on addresses.
 */
class DashboardSsoTest extends IntegrationTest {

    private static final String ISSUER_ID = "corp";
    private static final String CLIENT_ID = "keybridge-dashboard";
    /** With its sign-in form (interactive login): the way back starts on the provider's own page. */
    private static final MockOAuth2Server PROVIDER = new MockOAuth2Server(new OAuth2Config(true));
    private static ConfigurableApplicationContext ssoNode;
    private static int ssoPort;

    @Autowired
    private Invites invites;

    @BeforeAll
    static void start() {
        PROVIDER.start(InetAddress.getLoopbackAddress(), 0);
        String issuer = "http://127.0.0.1:" + PROVIDER.issuerUrl(ISSUER_ID).port() + "/" + ISSUER_ID;
        ssoNode = startSecondNode(5, "--keybridge.dashboard.oidc-issuer=" + issuer,
                "--keybridge.dashboard.oidc-client-id=" + CLIENT_ID,
                "--keybridge.dashboard.oidc-client-secret=not-checked-by-the-mock",
                "--keybridge.dashboard.oidc-name=Corp ID");
        ssoPort = Integer.parseInt(ssoNode.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (ssoNode != null) {
            ssoNode.close();
        }
        PROVIDER.shutdown();
    }

    @Test
    void doesSignInAnExistingOperatorWhenTheProviderVouchesForTheAddress() {
        String email = FormBrowser.owner(port, invites, newOrganization().id());
        FormBrowser b = new FormBrowser(ssoPort);
        assertThat(b.get("/dashboard/signin").body()).contains("Sign in with Corp ID", "href=\"/dashboard/signin/sso/oidc\"");

        String callback = callbackFromProvider(b, email.toUpperCase(java.util.Locale.ROOT), true);
        String ssoToken = b.cookie("kb_dashboard_sso");

        HttpResponse<String> back = b.get(callback);

        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(back.body()).contains("You are signed in", "url=/dashboard");
        HttpResponse<String> accounts = b.get("/dashboard/accounts");
        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.body()).contains(email);
        assertThat(b.onPort(port).get("/dashboard/accounts").statusCode()).as("the session works on every node")
                .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from dashboard_sso_request where token_hash = ?")
                .param(dev.keybridge.tenancy.Secrets.hash(ssoToken)).query(Long.class).single())
                .as("the sign-in request was spent").isZero();
        assertThat(b.get(callback).statusCode()).as("the way back works once").isEqualTo(401);
    }

    /**
     * In Chromium, with the provider on another site (127.0.0.1) than the console (localhost): the
     * provider's redirect back carries only the Lax cookie of the sign-in under way, and the page
     * after it brings the browser to the overview with the Strict session cookie.
     */
    @Test
    void doesSignInInARealBrowserWhenTheProviderIsAnotherSite() {
        String email = FormBrowser.owner(port, invites, newOrganization().id());
        try (EmbeddingBrowser browser = new EmbeddingBrowser()) {
            Page page = browser.newPage();
            page.navigate("http://localhost:" + ssoPort + "/dashboard/signin");
            ConsoleDriver.accessible(page);
            page.click("#sso");
            assertThat(page.url()).startsWith("http://127.0.0.1:" + PROVIDER.issuerUrl(ISSUER_ID).port() + "/");

            page.fill("input[name=username]", "sub-" + System.nanoTime());
            page.fill("textarea[name=claims]", claims(email, true));
            page.click("input[type=submit]");
            page.waitForURL("http://localhost:" + ssoPort + "/dashboard");

            assertThat(page.locator("header").textContent()).contains(email);
            page.navigate("http://localhost:" + ssoPort + "/dashboard/accounts");
            assertThat(page.url()).endsWith("/dashboard/accounts");
        }
    }

    @Test
    void doesRefuseAnAddressThatNoOperatorHas() {
        FormBrowser b = new FormBrowser(ssoPort);

        HttpResponse<String> back = viaProvider(b, "stranger-" + System.nanoTime() + "@example.com", true);

        assertThat(back.statusCode()).isEqualTo(401);
        assertThat(back.body()).contains("There is no operator with the address stranger-", "Ask an owner");
        assertThat(b.get("/dashboard/accounts").statusCode()).isEqualTo(302);
    }

    @Test
    void doesRefuseAnAddressTheProviderDidNotVerify() {
        String email = FormBrowser.owner(port, invites, newOrganization().id());
        FormBrowser b = new FormBrowser(ssoPort);

        HttpResponse<String> back = viaProvider(b, email, false);

        assertThat(back.statusCode()).isEqualTo(401);
        assertThat(back.body()).contains("Corp ID did not confirm that the e-mail address of your account is yours");
        assertThat(b.get("/dashboard/accounts").statusCode()).isEqualTo(302);
    }

    @Test
    void doesRefuseTheWayBackWhenItArrivesInAnotherBrowserThanTheOneThatStarted() {
        String email = FormBrowser.owner(port, invites, newOrganization().id());
        FormBrowser starter = new FormBrowser(ssoPort);
        String callback = callbackFromProvider(starter, email, true);
        FormBrowser victim = new FormBrowser(ssoPort);

        HttpResponse<String> back = victim.get(callback);

        assertThat(back.statusCode()).isEqualTo(401);
        assertThat(back.body()).contains("Signing in with Corp ID did not complete");
        assertThat(victim.get("/dashboard/accounts").statusCode()).isEqualTo(302);
    }

    @Test
    void doesSaySoOnTheSignInPageWhenTheProviderCannotBeReached() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (ConfigurableApplicationContext node = startSecondNode(2,
                "--keybridge.dashboard.oidc-issuer=http://127.0.0.1:" + closed + "/corp",
                "--keybridge.dashboard.oidc-client-id=" + CLIENT_ID, "--keybridge.dashboard.oidc-client-secret=x",
                "--keybridge.dashboard.oidc-name=Corp ID")) {
            FormBrowser b = new FormBrowser(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));

            HttpResponse<String> r = b.get("/dashboard/signin/sso/oidc");

            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("Corp ID cannot be reached right now", "name=\"password\"")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void doesShowNoButtonAndAnswer404WhenSingleSignOnIsNotSetUp() {
        FormBrowser b = new FormBrowser(port);

        assertThat(b.get("/dashboard/signin").body()).doesNotContain("Sign in with", "/dashboard/signin/sso");
        HttpResponse<String> start = b.get("/dashboard/signin/sso/oidc");
        assertThat(start.statusCode()).isEqualTo(404);
        assertThat(start.body()).contains("Single sign-on is not set up on this server");
        assertThat(b.get("/dashboard/signin/sso-callback?code=abc&state=def").statusCode()).isEqualTo(404);
    }

    /** Starts single sign-on in {@code b}, lets the provider answer for {@code email}, and comes back. */
    private static HttpResponse<String> viaProvider(FormBrowser b, String email, boolean verified) {
        return b.get(callbackFromProvider(b, email, verified));
    }

    /** What the provider's sign-in form is given to put in the ID token. */
    private static String claims(String email, boolean verified) {
        return "{\"email\": \"" + email + "\", \"email_verified\": " + verified + "}";
    }

    /** The path (and query) the provider sends the browser back to, after its sign-in form. */
    private static String callbackFromProvider(FormBrowser b, String email, boolean verified) {
        HttpResponse<String> out = b.get("/dashboard/signin/sso/oidc");
        assertThat(out.statusCode()).as(out.body()).isEqualTo(302);
        String authorize = out.headers().firstValue("location").orElseThrow();
        assertThat(authorize).contains("code_challenge=", "nonce=", "state=", "client_id=" + CLIENT_ID);
        assertThat(out.headers().allValues("set-cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("kb_dashboard_sso=").contains("HttpOnly", "SameSite=Lax"));
        try (HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            String form = "username=sub-" + System.nanoTime() + "&claims="
                    + java.net.URLEncoder.encode(claims(email, verified), java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> atProvider = plain.send(HttpRequest.newBuilder(URI.create(authorize))
                            .header("content-type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
            String back = atProvider.headers().firstValue("location").orElseThrow();
            assertThat(back).startsWith("http://127.0.0.1:" + ssoPort + "/dashboard/signin/sso-callback?");
            return back.substring(back.indexOf("/dashboard/"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
