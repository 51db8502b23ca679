package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.LoadState;
import dev.keybridge.support.Api;
import dev.keybridge.support.Axe;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkHost;
import dev.keybridge.support.LinkTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Link's screens in real Chromium (one browser for the class): the host's events through a whole
 * flow, five languages with axe-core on every screen, the host's branding in dark mode, a 375 px
 * keyboard-only run with the first load's weight and hosts, and the webview redirect flow. The
 * screenshots in docs/images are taken here.
 */
class LinkScreensBrowserTest extends IntegrationTest {

    private static final Path IMAGES = Path.of("..", "docs", "images");
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
    void doesSendThePlaidStyleEventsInOrderWhenAUserSearchesPicksAndLinksWithMfaInAnIframe() {
        Api server = newOrganization().test().withKey(api);
        server.put("/api/v2/public/link/settings", Map.of("display_name", "Acme"));
        String token = LinkTokens.forUser("events-user").create(server);
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1100, 820));
        page.navigate(browser.serve(LinkHost.html(api.base(), token, "iframe")));

        page.click("#connect");
        FrameLocator link = page.frameLocator("iframe[title='Connect an account']");
        PlaywrightAssertions.assertThat(link.locator("#intro h1")).containsText("uses Keybridge to connect your account");
        screenshot(page, "link-intro.png");
        link.locator("#intro-continue").click();
        link.locator("#q").fill("ehr");
        PlaywrightAssertions.assertThat(page.locator("#events")).containsText("SEARCH_APP");
        screenshot(page, "link-picker.png");
        link.locator("#apps button[data-slug=sandbox-ehr]").click();
        link.locator("#f-username").fill("mfa_device");
        link.locator("#f-password").fill("wrong");
        link.locator("#f-password").press("Enter");
        PlaywrightAssertions.assertThat(link.locator("[role=alert]")).containsText("username or password is not correct");
        link.locator("#f-password").fill("pass_good");
        link.locator("#f-password").press("Enter");
        PlaywrightAssertions.assertThat(link.locator("#f-code")).isVisible();
        screenshot(page, "link-code.png");
        link.locator("#f-code").fill("1234");
        link.locator("#f-code").press("Enter");

        PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("pt_test_\\w+"));
        assertThat(LinkHost.eventNames(page)).containsExactly("OPEN", "SEARCH_APP", "SELECT_APP", "SUBMIT_CREDENTIALS",
                "ERROR", "SUBMIT_CREDENTIALS", "SUBMIT_MFA", "HANDOFF");
        List<Map<String, Object>> events = LinkHost.events(page);
        Object session = events.getFirst().get("link_session_id");
        assertThat(session).asString().startsWith("link_");
        assertThat(events).allSatisfy(m -> {
            assertThat(m.get("link_session_id")).isEqualTo(session);
            assertThat(m.get("timestamp")).asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(m.get("is_update_mode")).isEqualTo(false);
        });
        assertThat(events.getFirst()).containsEntry("view_name", "CONSENT").containsKey("request_id");
        assertThat(events.get(1)).containsEntry("search_query", "ehr").containsEntry("view_name", "SELECT_APP");
        assertThat(((Map<?, ?>) events.get(2).get("app")).get("slug")).isEqualTo("sandbox-ehr");
        assertThat(events.get(4)).containsEntry("error_code", "invalid_credentials").containsEntry("view_name", "CREDENTIAL");
        assertThat(events.get(6)).containsEntry("view_name", "MFA").containsEntry("status", "requires_code");
        assertThat(events.get(7)).containsEntry("status", "connected");
        assertThat(((Map<?, ?>) events.get(7).get("app")).get("name")).isEqualTo("Sandbox EHR");
        PlaywrightAssertions.assertThat(link.locator("#step h1")).hasText("Connected");
        screenshot(page, "link-connected.png");
        PlaywrightAssertions.assertThat(page.locator("iframe")).hasCount(0);
    }

    @Test
    void doesRenderEveryScreenInEachLanguageWithNoSeriousAccessibilityViolation() {
        Api server = newOrganization().test().withKey(api);
        Map<String, String[]> expected = Map.of(
                "en", new String[] {"Select your app", "Enter your one-time code", "Connected"},
                "fr", new String[] {"Choisissez votre application", "Saisissez votre code à usage unique", "Connecté"},
                "de", new String[] {"Wählen Sie Ihre App", "Geben Sie Ihren Einmalcode ein", "Verbunden"},
                "es", new String[] {"Selecciona tu aplicación", "Introduce tu código de un solo uso", "Conectado"},
                "ja", new String[] {"アプリを選択", "ワンタイムコードを入力", "接続しました"});
        List<String> violations = new ArrayList<>();
        for (String lang : List.of("en", "fr", "de", "es", "ja")) {
            Map<String, Object> body = LinkTokens.forUser("lang-" + lang).body();
            body.put("language", lang);
            String token = server.post("/link/token/create", body).json().get("token").asString();
            Page page = browser.newPage(new Browser.NewPageOptions().setBypassCSP(true).setViewportSize(375, 812));
            page.navigate(api.base() + "/link?token=" + token);
            assertThat(page.locator("html").getAttribute("lang")).isEqualTo(lang);
            check(page, lang + " intro", violations);
            page.locator("#intro-continue").click();
            PlaywrightAssertions.assertThat(page.locator("#step h1")).hasText(expected.get(lang)[0]);
            check(page, lang + " picker", violations);
            page.locator("#apps button[data-slug=sandbox-ehr]").click();
            check(page, lang + " credentials", violations);
            page.locator("#f-username").fill("mfa_device");
            page.locator("#f-password").fill("pass_good");
            page.locator("#f-password").press("Enter");
            PlaywrightAssertions.assertThat(page.locator("#step h1")).hasText(expected.get(lang)[1]);
            page.locator("#f-code").fill("0000");
            page.locator("#f-code").press("Enter");
            PlaywrightAssertions.assertThat(page.locator("[role=alert]")).isVisible();
            check(page, lang + " code with error", violations);
            if (lang.equals("ja")) {
                screenshot(page, "link-code-ja.png");
            }
            page.locator("#f-code").fill("1234");
            page.locator("#f-code").press("Enter");
            PlaywrightAssertions.assertThat(page.locator("#step h1")).hasText(expected.get(lang)[2]);
            check(page, lang + " connected", violations);
            page.close();
        }
        Page french = browser.newPage(new Browser.NewPageOptions().setLocale("fr-FR").setBypassCSP(true));
        french.navigate(api.base() + "/link?token=" + LinkTokens.forUser("browser-fr").create(server));
        assertThat(french.locator("html").getAttribute("lang")).as("the browser's language").isEqualTo("fr");
        french.locator("#intro-continue").click();
        PlaywrightAssertions.assertThat(french.locator("#step h1")).hasText("Choisissez votre application");
        french.navigate(api.base() + "/link?token=lt_test_nothing");
        PlaywrightAssertions.assertThat(french.locator("[role=alert]")).hasText("Cette adresse Link n’est pas valable.");
        check(french, "fr invalid", violations);
        assertThat(violations).isEmpty();
    }

    @Test
    void doesPassAxeOnTheFailedClosedAndWaitingScreensToo() {
        Api server = newOrganization().test().withKey(api);
        List<String> violations = new ArrayList<>();
        Page page = browser.newPage(new Browser.NewPageOptions().setBypassCSP(true).setViewportSize(375, 812));

        page.navigate(api.base() + "/link?token=" + LinkTokens.forUser("locked").app("sandbox-ehr").create(server));
        page.locator("#intro-continue").click();
        page.locator("#f-username").fill("user_locked");
        page.locator("#f-password").fill("pass_good");
        page.locator("#f-password").press("Enter");
        PlaywrightAssertions.assertThat(page.locator("[role=alert]")).containsText("account is locked");
        check(page, "failed", violations);

        page.navigate(api.base() + "/link?token=" + LinkTokens.forUser("closer").create(server));
        page.locator("#intro-continue").click();
        page.locator("#exit").click();
        PlaywrightAssertions.assertThat(page.locator("#step h1")).hasText("Closed");
        check(page, "closed", violations);

        String oauth = LinkTokens.forUser("waiting").app("sandbox-oauth").create(server);
        page.navigate(api.base() + "/link?token=" + oauth);
        page.locator("#intro-continue").click();
        page.locator("#step-form button[type=submit]").click();
        PlaywrightAssertions.assertThat(page.locator("#approve")).isVisible();
        page.navigate(api.base() + "/link?token=" + oauth);
        PlaywrightAssertions.assertThat(page.locator("#step h1")).hasText("Waiting for your sign-in");
        check(page, "waiting for the provider", violations);
        assertThat(violations).isEmpty();
    }

    @Test
    void doesShowTheHostsNameLogoAccentAndDarkThemeWhenTheEnvironmentSetsThem() {
        Api server = newOrganization().test().withKey(api);
        String logo = "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(
                "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><circle cx='12' cy='12' r='11' fill='#0f766e'/></svg>"
                        .getBytes(StandardCharsets.UTF_8));
        Api.Response put = server.put("/api/v2/public/link/settings", Map.of("display_name", "Acme Health", "logo", logo,
                "accent_color", "#0F766E", "theme", "dark"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        String token = LinkTokens.forUser("brand-user").app("sandbox-keys").create(server);
        Page page = browser.newPage(new Browser.NewPageOptions().setBypassCSP(true).setViewportSize(1100, 820));
        page.navigate(browser.serve(LinkHost.html(api.base(), token, "iframe")));
        page.click("#connect");
        FrameLocator link = page.frameLocator("iframe[title='Connect an account']");

        PlaywrightAssertions.assertThat(link.locator("#intro h1")).hasText("Acme Health uses Keybridge to connect your account");
        PlaywrightAssertions.assertThat(link.locator("html")).hasAttribute("data-theme", "dark");
        PlaywrightAssertions.assertThat(link.locator(".brand img")).hasAttribute("src", logo);
        Frame frame = page.frames().stream().filter(f -> f.url().contains("/link/s/")).findFirst().orElseThrow();
        assertThat(Axe.seriousViolations(frame)).isEmpty();
        screenshot(page, "link-branded-dark.png");
        link.locator("#intro-continue").click();
        assertThat(Axe.seriousViolations(frame)).isEmpty();
        link.locator("#f-api_key").fill("key_good");
        link.locator("#f-api_key").press("Enter");

        PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("pt_test_\\w+"));
        assertThat(LinkTokens.exchange(server, page.locator("#out").textContent())).startsWith("at_test_");
    }

    @Test
    void doesLinkWithTheKeyboardOnlyAt375PxWithAFirstLoadUnder100KbFromKeybridgeAlone() {
        Api server = newOrganization().test().withKey(api);
        String token = LinkTokens.forUser("keyboard-user").create(server);
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(375, 812));
        List<Response> responses = new CopyOnWriteArrayList<>();
        List<String> hosts = new CopyOnWriteArrayList<>();
        page.onRequest(r -> hosts.add(r.url()));
        page.onResponse(responses::add);
        page.navigate(api.base() + "/link?token=" + token);
        page.waitForLoadState(LoadState.NETWORKIDLE);

        long bytes = responses.stream().filter(r -> r.status() < 300 || r.status() >= 400)
                .mapToLong(r -> r.body().length).sum();
        System.out.println("Link first load: " + bytes + " bytes in " + responses.size() + " responses");
        assertThat(bytes).as("first load, bytes").isLessThan(100 * 1024);
        assertThat(hosts).allMatch(u -> u.startsWith(api.base() + "/"));
        Keyboard keys = page.keyboard();
        tabTo(page, "intro-continue");
        keys.press("Enter");
        tabTo(page, "q");
        keys.type("sandbox ehr");
        tabTo(page, null);
        keys.press("Enter");
        PlaywrightAssertions.assertThat(page.locator("#f-username")).isFocused();
        keys.type("mfa_device");
        keys.press("Tab");
        keys.type("pass_good");
        keys.press("Enter");
        PlaywrightAssertions.assertThat(page.locator("#f-code")).isFocused();
        keys.type("1234");
        keys.press("Enter");
        PlaywrightAssertions.assertThat(page.locator("#public-token")).hasText(Pattern.compile("pt_test_\\w+"));
        screenshot(page, "link-375-connected.png");
    }

    @Test
    void doesLinkKeysAndOAuthInA375PxPopupWithTheKeyboardOnly() {
        Api server = newOrganization().test().withKey(api);
        for (String app : List.of("sandbox-keys", "sandbox-oauth")) {
            String token = LinkTokens.forUser("keyboard-" + app).app(app).create(server);
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(375, 812));
            page.navigate(browser.serve(LinkHost.html(api.base(), token, "popup")));
            page.locator("#connect").focus();
            Page popup = page.waitForPopup(() -> page.keyboard().press("Enter"));
            popup.setViewportSize(375, 812);
            tabTo(popup, "intro-continue");
            popup.keyboard().press("Enter");
            if (app.equals("sandbox-keys")) {
                PlaywrightAssertions.assertThat(popup.locator("#f-api_key")).isFocused();
                popup.keyboard().type("key_good");
                popup.keyboard().press("Enter");
            } else {
                tabTo(popup, null, "primary");
                popup.keyboard().press("Enter");
                PlaywrightAssertions.assertThat(popup.locator("#approve")).isFocused();
                popup.keyboard().press("Enter");
            }
            PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("pt_test_\\w+"));
            assertThat(LinkTokens.exchange(server, page.locator("#out").textContent())).startsWith("at_test_");
            page.close();
        }
    }

    @Test
    void doesComeBackToTheRedirectUriAndResumeWithTheSameTokenInAWebviewFlow() {
        Api server = newOrganization().test().withKey(api);
        String back = browser.serve("<!DOCTYPE html><html lang=\"en\"><title>Back in the app</title><p>Back</p></html>") + "done";
        assertThat(server.put("/api/v2/public/link/settings", Map.of("redirect_uris", List.of(back))).status()).isEqualTo(200);
        String token = LinkTokens.forUser("webview-user").app("sandbox-ehr").redirectUri(back).create(server);
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(375, 812));

        page.navigate(api.base() + "/link?token=" + token);
        page.locator("#intro-continue").click();
        page.locator("#exit").click();
        page.waitForURL(back + "?*");
        assertThat(page.url()).contains("status=exited").contains("link_session_id=link_");

        page.navigate(api.base() + "/link?token=" + token);
        PlaywrightAssertions.assertThat(page.locator("#intro")).hasCount(0);
        page.locator("#f-username").fill("user_good");
        page.locator("#f-password").fill("pass_good");
        page.locator("#f-password").press("Enter");
        page.waitForURL(back + "?public_token=*");
        String publicToken = page.url().replaceAll(".*public_token=([^&]+).*", "$1");
        assertThat(LinkTokens.exchange(server, publicToken)).startsWith("at_test_");
    }

    /** Tabs until the element with {@code id} (or, for null, an app button) has the focus. */
    private static void tabTo(Page page, String id) {
        tabTo(page, id, "app");
    }

    /** Tabs until the element with {@code id} (or, for null, one whose class holds {@code className}) has the focus. */
    private static void tabTo(Page page, String id, String className) {
        for (int i = 0; i < 30; i++) {
            Object focused = page.evaluate("() => document.activeElement.id || document.activeElement.className");
            if (id == null ? String.valueOf(focused).contains(className) : id.equals(focused)) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("could not tab to " + id);
    }

    private static void check(Page page, String screen, List<String> violations) {
        Axe.seriousViolations(page.mainFrame()).forEach(v -> violations.add(screen + " → " + v));
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(IMAGES.resolve(name)));
    }
}
