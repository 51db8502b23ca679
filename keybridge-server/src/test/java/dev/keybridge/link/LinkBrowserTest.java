package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.keybridge.support.Api;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Link flow in real Chromium: a page on another origin loads {@code link.js}, opens Link in an
 * iframe, the user signs in to the sandbox EHR with a one-time code, and the page's
 * {@code onSuccess} receives the public token, which the backend exchanges for an access token.
 */
class LinkBrowserTest extends IntegrationTest {

    private EmbeddingBrowser browser;

    @BeforeEach
    void start() {
        browser = new EmbeddingBrowser();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The embedding app's page, served from localhost:<other port> (Keybridge is 127.0.0.1:<port>). */
    private String serveEmbeddingPage(String linkToken) {
        return serveEmbeddingPage(linkToken, "iframe");
    }

    private String serveEmbeddingPage(String linkToken, String display) {
        String html = """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>Acme</title>
                <script src="%s/link.js"></script></head>
                <body><button id="connect">Connect your EHR</button><output id="out"></output><output id="app"></output>
                <script>
                  const link = KeybridgeLink.create({
                    token: "%s", display: "%s",
                    onSuccess: (publicToken, metadata) => {
                      document.getElementById("out").textContent = publicToken;
                      document.getElementById("app").textContent = metadata.app.slug + "/" + metadata.linked_account_id;
                    },
                    onExit: (error) => { document.getElementById("out").textContent = "exit:" + JSON.stringify(error); }
                  });
                  document.getElementById("connect").addEventListener("click", () => link.open());
                </script></body></html>
                """.formatted(api.base(), linkToken, display);
        return browser.serve(html);
    }

    @Test
    void doesHandThePublicTokenToTheEmbeddingPageWhenTheUserLinksWithMfaInAnIframe() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        String linkToken = LinkTokens.forUser("browser-user").app("sandbox-ehr").create(server);
        Page page = browser.newPage();
        page.navigate(serveEmbeddingPage(linkToken));

        page.click("#connect");
        FrameLocator link = page.frameLocator("iframe[title='Connect an account']");
        link.locator("#intro-continue").click();
        link.locator("#f-username").fill("mfa_device");
        link.locator("#f-password").fill("pass_good");
        link.locator("#f-password").press("Enter");
        link.locator("#f-code").fill("1234");
        link.getByRole(AriaRole.BUTTON,
                new FrameLocator.GetByRoleOptions().setName("Continue")).click();

        PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("pt_test_\\w+"));
        assertThat(page.locator("#app").textContent()).isEqualTo("sandbox-ehr/browser-user");
        PlaywrightAssertions.assertThat(page.locator("iframe")).hasCount(0);
        String accessToken = LinkTokens.exchange(server, page.locator("#out").textContent());
        assertThat(accessToken).startsWith("at_test_");
    }

    @Test
    void doesHandThePublicTokenToThePageWhenTheProviderCutsThePopupsOpener() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        String linkToken = LinkTokens.forUser("popup-user").app("sandbox-oauth").create(server);
        Page page = browser.newPage();
        List<String> requests = new CopyOnWriteArrayList<>();
        page.onRequest(r -> requests.add(r.url()));
        page.navigate(serveEmbeddingPage(linkToken, "popup"));

        Page popup = page.waitForPopup(() -> page.click("#connect"));
        popup.locator("#intro-continue").click();
        popup.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Continue to Sandbox OAuth")).click();
        popup.locator("#approve").click();

        PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("pt_test_\\w+"));
        assertThat(page.locator("#app").textContent()).isEqualTo("sandbox-oauth/popup-user");
        assertThat(requests).as("the provider's Cross-Origin-Opener-Policy cut window.opener: link.js asked for the result")
                .anyMatch(u -> u.contains("/link/result?token="));
        assertThat(LinkTokens.exchange(server, page.locator("#out").textContent())).startsWith("at_test_");
    }
}
