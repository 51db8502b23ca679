package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.keybridge.support.Api;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The update-mode story once in real Chromium: the embedding app's page opens Link in update mode
 * (link.js, iframe, another origin) after the sandbox EHR's one-time code expired; Link asks only
 * for the code; the page's onSuccess fires; the same access token works through the proxy again.
 */
class UpdateModeBrowserTest extends HealthIntegrationTest {

    private EmbeddingBrowser browser;
    private Receiver receiver;

    @BeforeEach
    void start() {
        receiver = new Receiver();
        browser = new EmbeddingBrowser();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        receiver.close();
    }

    private String serveEmbeddingPage(String linkToken) {
        String html = """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>Acme</title>
                <script src="%s/link.js"></script></head>
                <body><button id="fix">Reconnect your EHR</button><output id="out"></output>
                <script>
                  const link = KeybridgeLink.create({
                    token: "%s", display: "iframe",
                    onSuccess: (publicToken) => { document.getElementById("out").textContent = publicToken; },
                    onExit: (error) => { document.getElementById("out").textContent = "exit:" + JSON.stringify(error); }
                  });
                  document.getElementById("fix").addEventListener("click", () => link.open());
                </script></body></html>
                """.formatted(api.base(), linkToken);
        return browser.serve(html);
    }

    @Test
    void doesAskOnlyForTheCodeInChromiumWhenTheOtpExpired() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        hook(server, receiver, "access_token.login_required", "connection.repaired");
        Api.Response created = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "browser-patient",
                "app", "sandbox-ehr", "options", Map.of("username", "mfa_device")));
        String accessToken = LinkTokens.exchange(server, created.json().get("public_token").asString());
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);
        server.post("/sandbox/connection/reset_login", Map.of("access_token", accessToken, "reason", "otp_expired"));
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "access_token.login_required").size() == 1);

        Page page = browser.newPage();
        page.navigate(serveEmbeddingPage(LinkTokens.update(accessToken).create(server)));
        page.click("#fix");
        FrameLocator link = page.frameLocator("iframe[title='Connect an account']");
        PlaywrightAssertions.assertThat(link.locator("#intro h1")).hasText("Reconnect your Sandbox EHR account");
        PlaywrightAssertions.assertThat(link.locator("#reason")).containsText("one-time code expired");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("..", "docs", "images", "link-reconnect.png")));
        link.locator("#intro-continue").click();
        link.locator("#f-code").fill("1234");
        assertThat(link.locator("#f-password").count()).isZero();
        assertThat(link.locator("#f-username").count()).isZero();
        link.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Continue")).click();

        PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("pt_test_\\w+"));
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "connection.repaired").size() == 1);
        assertThat(LinkTokens.exchange(server, page.locator("#out").textContent())).isEqualTo(accessToken);
    }
}
