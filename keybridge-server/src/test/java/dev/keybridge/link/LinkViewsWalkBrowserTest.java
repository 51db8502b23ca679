package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.keybridge.support.Api;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkHost;
import dev.keybridge.support.LinkTokens;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The end user's walk in real Chromium through each of Link's three views (popup, iframe, redirect) with an OAuth
 * app, a key app and the MFA app: the picker's server-side search finds the app, the user goes one step in, then
 * presses Escape and leaves midway; the host always hears of it (onExit, or the redirect back with the exit).
 */
class LinkViewsWalkBrowserTest extends IntegrationTest {

    private static final String FRAME = "iframe[title='Connect an account']";
    private static EmbeddingBrowser browser;

    @BeforeAll
    static void start() {
        browser = new EmbeddingBrowser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    /** Picks the app by searching for it, then goes one step in: where each app's user would stop midway. */
    private static void midway(Function<String, Locator> at, String app) {
        at.apply("#intro-continue").click();
        at.apply("#q").fill(app.replace('-', ' '));
        at.apply("#apps button[data-slug=" + app + "]").click();
        switch (app) {
            case "sandbox-oauth" -> PlaywrightAssertions.assertThat(at.apply("form#step-form button[type=submit]")).isVisible();
            case "sandbox-keys" -> PlaywrightAssertions.assertThat(at.apply("#f-api_key")).isVisible();
            default -> {
                at.apply("#f-username").fill("mfa_device");
                at.apply("#f-password").fill("pass_good");
                at.apply("#f-password").press("Enter");
                PlaywrightAssertions.assertThat(at.apply("#f-code")).isVisible();
            }
        }
        // The user reads the step: a click on its heading puts the focus in the page that has loaded (a key pressed
        // in the instant a new page arrives goes to the one leaving).
        at.apply("h1").click();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox-oauth", "sandbox-keys", "sandbox-ehr"})
    void doesTellTheHostWhenTheUserPressesEscapeOrClosesMidwayInEachView(String app) {
        Api server = newOrganization().test().withKey(api);

        // iframe: Escape inside the frame ends it with onExit.
        Page framed = browser.newPage();
        framed.navigate(browser.serve(LinkHost.html(api.base(), LinkTokens.forUser("walk-frame").create(server), "iframe")));
        framed.click("#connect");
        FrameLocator frame = framed.frameLocator(FRAME);
        midway(frame::locator, app);
        framed.keyboard().down("Escape");   // key down only: the frame is gone before a key-up (LinkTrapsBrowserTest)
        PlaywrightAssertions.assertThat(framed.locator("#out")).hasText(Pattern.compile("exit:.*"));
        PlaywrightAssertions.assertThat(framed.locator("iframe")).hasCount(0);
        assertThat(LinkHost.eventNames(framed)).contains("SELECT_APP").endsWith("EXIT");

        // popup: Escape leaves the window as it is; closing it midway ends with onExit.
        Page host = browser.newPage();
        host.navigate(browser.serve(LinkHost.html(api.base(), LinkTokens.forUser("walk-popup").create(server), "popup")));
        Page popup = host.waitForPopup(() -> host.click("#connect"));
        midway(popup::locator, app);
        popup.keyboard().down("Escape");
        popup.keyboard().up("Escape");
        assertThat(popup.isClosed()).isFalse();
        popup.close();
        PlaywrightAssertions.assertThat(host.locator("#out")).hasText(Pattern.compile("exit:.*"));
        assertThat(LinkHost.eventNames(host)).contains("SELECT_APP").endsWith("EXIT");

        // redirect (a webview, no host page): Escape changes nothing; ✕ midway goes back to redirect_uri.
        String back = browser.serve("<!DOCTYPE html><html lang=\"en\"><title>Back in the app</title><p>Back</p></html>")
                + "done";
        assertThat(server.put("/api/v2/public/link/settings", Map.of("redirect_uris", List.of(back))).status())
                .isEqualTo(200);
        Page webview = browser.newPage();
        webview.navigate(api.base() + "/link?token=" + LinkTokens.forUser("walk-webview").redirectUri(back).create(server));
        midway(webview::locator, app);
        webview.keyboard().press("Escape");
        PlaywrightAssertions.assertThat(webview.locator("#exit")).isVisible();
        webview.locator("#exit").click();
        webview.waitForURL(back + "?*");
        assertThat(webview.url()).contains("status=exited").contains("link_session_id=link_");
    }
}
