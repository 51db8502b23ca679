package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.tenancy.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static String issuer;

    @Autowired
    private Invites invites;

    @BeforeAll
    static void start() {
        PROVIDER.start(InetAddress.getLoopbackAddress(), 0);
        issuer = "http://127.0.0.1:" + PROVIDER.issuerUrl(ISSUER_ID).port() + "/" + ISSUER_ID;
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

        String callback = callbackFromProvider(b, email.toUpperCase(Locale.ROOT), true);
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
                .param(Secrets.hash(ssoToken)).query(Long.class).single())
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
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
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

    @Test
    void doesBindTheOperatorToTheProviderAccountWhenItFirstSignsIn() {
        String email = FormBrowser.owner(port, invites, newOrganization().id());
        String subject = "sub-" + System.nanoTime();
        assertThat(bindings(email)).isEmpty();

        HttpResponse<String> first = viaProvider(new FormBrowser(ssoPort), email, subject);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(bindings(email)).containsExactly(issuer + " " + subject);
        HttpResponse<String> again = viaProvider(new FormBrowser(ssoPort), email, subject);
        assertThat(again.statusCode()).as("the bound account signs in again").isEqualTo(200);
        assertThat(bindings(email)).containsExactly(issuer + " " + subject);
    }

    @Test
    void doesRefuseTheAddressAndChangeNothingWhenAnotherAccountOfTheProviderSendsIt() {
        String email = FormBrowser.owner(port, invites, newOrganization().id());
        String subject = "sub-" + System.nanoTime();
        assertThat(viaProvider(new FormBrowser(ssoPort), email, subject).statusCode()).isEqualTo(200);
        FormBrowser newcomer = new FormBrowser(ssoPort);

        HttpResponse<String> back = viaProvider(newcomer, email, "someone-else-" + System.nanoTime());

        assertThat(back.statusCode()).isEqualTo(401);
        assertThat(back.body()).contains("The operator " + email + " signs in with another Corp ID account than this one",
                "an owner can remove the member and invite the address again", "name=\"password\"");
        assertThat(newcomer.get("/dashboard/accounts").statusCode()).isEqualTo(302);
        assertThat(bindings(email)).containsExactly(issuer + " " + subject);
        assertThat(viaProvider(new FormBrowser(ssoPort), email, subject).statusCode())
                .as("the bound account still signs in").isEqualTo(200);
    }

    @Test
    void doesRefuseAnAccountOfTheProviderThatIsBoundToAnotherOperator() {
        String orgId = newOrganization().id();
        String first = FormBrowser.owner(port, invites, orgId);
        String second = FormBrowser.owner(port, invites, orgId);
        String subject = "sub-" + System.nanoTime();
        assertThat(viaProvider(new FormBrowser(ssoPort), first, subject).statusCode()).isEqualTo(200);
        FormBrowser b = new FormBrowser(ssoPort);

        HttpResponse<String> back = viaProvider(b, second, subject);

        assertThat(back.statusCode()).isEqualTo(401);
        assertThat(back.body()).contains("This Corp ID account signs in as another operator here, not as " + second);
        assertThat(b.get("/dashboard/accounts").statusCode()).isEqualTo(302);
        assertThat(bindings(second)).isEmpty();
        assertThat(bindings(first)).containsExactly(issuer + " " + subject);
    }

    @Test
    void doesBindAgainWhenTheOperatorWasRemovedAndInvitedAgain() {
        String orgId = newOrganization().id();
        FormBrowser owner = new FormBrowser(port);
        owner.signIn(FormBrowser.owner(port, invites, orgId), ConsoleDriver.PASSWORD);
        String email = FormBrowser.owner(port, invites, orgId);
        String before = "sub-" + System.nanoTime();
        assertThat(viaProvider(new FormBrowser(ssoPort), email, before).statusCode()).isEqualTo(200);
        String memberId = jdbc.sql("select id from operator where email = ?").param(email).query(String.class).single();
        assertThat(owner.submit("/dashboard/members", "/dashboard/members/remove", Map.of("id", memberId))
                .statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from operator_sso_account where operator_id = ?").param(memberId)
                .query(Long.class).single()).as("removing the member removed its binding").isZero();
        FormBrowser.owner(port, invites, orgId, email);
        String after = "new-sub-" + System.nanoTime();
        FormBrowser b = new FormBrowser(ssoPort);

        HttpResponse<String> back = viaProvider(b, email, after);

        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(b.get("/dashboard/accounts").statusCode()).isEqualTo(200);
        assertThat(bindings(email)).containsExactly(issuer + " " + after);
    }

    /** The provider accounts ("issuer subject") the operator with this address is bound to. */
    private List<String> bindings(String email) {
        return jdbc.sql("""
                select a.issuer || ' ' || a.subject from operator_sso_account a join operator o on o.id = a.operator_id
                where o.email = ? order by a.issuer""").param(email).query(String.class).list();
    }

    /** Starts single sign-on in {@code b}, lets the provider answer for {@code email}, and comes back. */
    private static HttpResponse<String> viaProvider(FormBrowser b, String email, boolean verified) {
        return b.get(callbackFromProvider(b, email, verified));
    }

    /** The same, as the provider's account {@code subject} with a verified address. */
    private static HttpResponse<String> viaProvider(FormBrowser b, String email, String subject) {
        return b.get(callbackFromProvider(b, email, true, subject));
    }

    /** What the provider's sign-in form is given to put in the ID token. */
    private static String claims(String email, boolean verified) {
        return "{\"email\": \"" + email + "\", \"email_verified\": " + verified + "}";
    }

    /** The path (and query) the provider sends the browser back to, after its sign-in form. */
    private static String callbackFromProvider(FormBrowser b, String email, boolean verified) {
        return callbackFromProvider(b, email, verified, "sub-" + System.nanoTime());
    }

    /** The same, as the provider's account {@code subject} (the ID token's {@code sub}). */
    private static String callbackFromProvider(FormBrowser b, String email, boolean verified, String subject) {
        HttpResponse<String> out = b.get("/dashboard/signin/sso/oidc");
        assertThat(out.statusCode()).as(out.body()).isEqualTo(302);
        String authorize = out.headers().firstValue("location").orElseThrow();
        assertThat(authorize).contains("code_challenge=", "nonce=", "state=", "client_id=" + CLIENT_ID);
        assertThat(out.headers().allValues("set-cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("kb_dashboard_sso=").contains("HttpOnly", "SameSite=Lax"));
        try (HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            String form = "username=" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
                    + "&claims="
                    + URLEncoder.encode(claims(email, verified), StandardCharsets.UTF_8);
            HttpResponse<String> atProvider = plain.send(HttpRequest.newBuilder(URI.create(authorize))
                            .header("content-type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(atProvider.statusCode()).as(atProvider.body()).isEqualTo(302);
            String back = atProvider.headers().firstValue("location").orElseThrow();
            assertThat(back).startsWith("http://127.0.0.1:" + ssoPort + "/dashboard/signin/sso-callback?");
            return back.substring(back.indexOf("/dashboard/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
