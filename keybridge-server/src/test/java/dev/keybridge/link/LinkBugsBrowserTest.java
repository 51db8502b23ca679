package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.keybridge.support.Api;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkHost;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Secrets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Link bugs of issue 13, each as an end user meets it in real Chromium (one browser for the class):
 * a denied-then-approved OAuth popup, opening Link again after closing it, reloading and going back on
 * the code step, and apps that exist in the catalogue but are not enabled.
 */
class LinkBugsBrowserTest extends IntegrationTest {

    private static EmbeddingBrowser browser;

    @BeforeAll
    static void start() {
        browser = new EmbeddingBrowser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void doesHandOnSuccessToTheHostWhenTheUserDeniesOAuthInThePopupAndThenApproves() {
        Api server = newOrganization().test().withKey(api);
        String token = LinkTokens.forUser("deny-then-approve").app("sandbox-oauth").create(server);
        Page page = browser.newPage();
        page.navigate(browser.serve(LinkHost.html(api.base(), token, "popup")));

        Page popup = page.waitForPopup(() -> page.click("#connect"));
        popup.locator("#intro-continue").click();
        popup.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Continue to Sandbox OAuth")).click();
        popup.locator("#deny").click();
        PlaywrightAssertions.assertThat(popup.locator("[role=alert]")).containsText("You declined access");
        // The host (cut off from the popup by the provider) hears from Keybridge that Link is back on its form.
        page.waitForResponse(r -> r.url().contains("/link/result") && r.text().contains("\"step\":\"form\""), () -> { });
        popup.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Continue to Sandbox OAuth")).click();
        popup.locator("#approve").click();

        PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("pt_test_\\w+"));
        assertThat(LinkHost.eventNames(page)).as("the host never heard an exit").doesNotContain("EXIT")
                .endsWith("HANDOFF");
        assertThat(page.evaluate("() => window.kbSuccess.app.name")).as("metadata.app on the OAuth path")
                .isEqualTo("Sandbox OAuth");
        assertThat(LinkTokens.exchange(server, page.locator("#out").textContent())).startsWith("at_test_");
        PlaywrightAssertions.assertThat(popup.locator("#close-window")).hasText("You can close this window.");
        PlaywrightAssertions.assertThat(popup.locator("#close")).isVisible();
        popup.close();
    }

    @Test
    void doesResumeWhenTheHostOpensLinkAgainAfterTheUserClosedThePopupAndSaysSpentOnceLinked() {
        Api server = newOrganization().test().withKey(api);
        String token = LinkTokens.forUser("reopen-user").app("sandbox-ehr").create(server);
        Page page = browser.newPage();
        page.navigate(browser.serve(LinkHost.html(api.base(), token, "popup")));

        Page first = page.waitForPopup(() -> page.click("#connect"));
        first.locator("#intro-continue").click();
        PlaywrightAssertions.assertThat(first.locator("#f-username")).isVisible();
        first.close();
        PlaywrightAssertions.assertThat(page.locator("#out")).hasText("exit:null");
        Map<String, Object> closed = LinkHost.exit(page);
        @SuppressWarnings("unchecked")
        Map<String, Object> closedMetadata = (Map<String, Object>) closed.get("metadata");
        assertThat(closedMetadata).containsEntry("status", "requires_credentials").containsKey("link_session_id");
        assertThat(((Map<?, ?>) closedMetadata.get("app")).get("name")).isEqualTo("Sandbox EHR");

        Page again = page.waitForPopup(() -> page.click("#connect"));
        again.locator("#intro-continue").click();
        again.locator("#f-username").fill("mfa_device");
        again.locator("#f-password").fill("pass_good");
        again.locator("#f-password").press("Enter");
        again.locator("#f-code").fill("1234");
        again.locator("#f-code").press("Enter");
        PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("pt_test_\\w+"));

        Page spent = page.waitForPopup(() -> page.click("#connect"));
        PlaywrightAssertions.assertThat(spent.locator("[role=alert]")).containsText("already completed");
        try {
            spent.locator("#close").click();
        } catch (PlaywrightException e) {
            // The ✕ closes the popup itself; the close may land before Playwright sees the click finish.
            assertThat(spent.isClosed()).as("only the popup closing itself may cut the click short: " + e.getMessage()).isTrue();
        }
        PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("exit:.*link_token_used.*"));
        assertThat(((Map<?, ?>) LinkHost.exit(page).get("error")).get("error_code")).isEqualTo("link_token_used");
    }

    @Test
    void doesNotReplayTheFormOrCostAnAttemptWhenTheUserReloadsOrGoesBackOnTheCodeStep() {
        Api server = newOrganization().test().withKey(api);
        String token = LinkTokens.forUser("reload-user").app("sandbox-ehr").create(server);
        Page page = browser.newPage();
        page.navigate(api.base() + "/link?token=" + token);
        page.locator("#intro-continue").click();
        page.locator("#f-username").fill("mfa_device");
        page.locator("#f-password").fill("pass_good");
        page.locator("#f-password").press("Enter");
        PlaywrightAssertions.assertThat(page.locator("#f-code")).isVisible();
        int before = attempts(token);

        page.reload();

        PlaywrightAssertions.assertThat(page.locator("#f-code")).isVisible();
        assertThat(page.locator("[role=alert]").count()).as("no error the user never typed").isZero();
        assertThat(attempts(token)).as("a reload costs no attempt").isEqualTo(before);

        page.locator("#f-code").fill("9999");
        page.locator("#f-code").press("Enter");
        PlaywrightAssertions.assertThat(page.locator("[role=alert]")).containsText("code is not right");
        int afterWrong = attempts(token);
        page.goBack();
        PlaywrightAssertions.assertThat(page.locator("#f-code")).isVisible();
        assertThat(page.locator("[role=alert]").count()).as("back shows no stale error").isZero();
        page.reload();
        assertThat(page.locator("[role=alert]").count()).isZero();
        assertThat(attempts(token)).isEqualTo(afterWrong);

        page.locator("#f-code").fill("1234");
        page.locator("#f-code").press("Enter");
        PlaywrightAssertions.assertThat(page.locator("#public-token")).hasText(Pattern.compile("pt_test_\\w+"));
    }

    @Test
    void doesSayAnAppIsNotAvailableHereYetWhenItIsInTheCatalogueButNotEnabled() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Page page = browser.newPage();
        page.navigate(api.base() + "/link?token=" + LinkTokens.forUser("search-user").create(server));
        page.locator("#intro-continue").click();

        page.locator("#q").fill("Salesforce");
        PlaywrightAssertions.assertThat(page.locator("#no-match")).hasText("Salesforce is not available here yet.");
        page.locator("#q").fill("ann@google.com");
        PlaywrightAssertions.assertThat(page.locator("#no-match")).hasText("Google is not available here yet.");
        page.locator("#q").fill("qwertyuiop");
        PlaywrightAssertions.assertThat(page.locator("#no-match")).containsText("No app matches");
        page.locator("#q").fill("ehr");
        PlaywrightAssertions.assertThat(page.locator("#no-match")).isHidden();
        PlaywrightAssertions.assertThat(page.locator("#apps button[data-slug=sandbox-ehr]")).isVisible();

        Page production = browser.newPage();
        production.navigate(api.base() + "/link?token=" + LinkTokens.forUser("prod-user").create(org.production().withKey(api)));
        production.locator("#intro-continue").click();
        PlaywrightAssertions.assertThat(production.locator("#none-enabled")).hasText("No apps are available here yet.");
        assertThat(production.content()).doesNotContain("Sandbox");
        assertThat(production.locator("#q").count()).isZero();
    }

    private int attempts(String token) {
        return jdbc.sql("select attempts from link_session where token_hash = ?")
                .param(Secrets.hash(token)).query(Integer.class).single();
    }
}
