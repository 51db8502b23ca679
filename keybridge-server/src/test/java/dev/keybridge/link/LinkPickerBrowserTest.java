package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.Catalog;
import dev.keybridge.support.Api;
import dev.keybridge.support.Axe;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 19, item 6 in real Chromium: with a hundred apps enabled, Link's picker lists the first {@link LinkPicker#FIRST}
 * (its page stays small), finds any enabled app by search on the server, offers the categories the apps fall in,
 * and shows all on request.
 */
class LinkPickerBrowserTest extends IntegrationTest {

    private static EmbeddingBrowser browser;

    @Autowired
    private Catalog catalog;

    @BeforeAll
    static void start() {
        browser = new EmbeddingBrowser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    /** An organization whose test environment enables 100 key-based apps (and its sandbox apps). */
    private Api manyApps(TestOrganization org, List<AppDefinition> keyApps) {
        Api server = org.test().withKey(api);
        for (AppDefinition a : keyApps) {
            Api.Response r = server.put("/api/v2/public/application/" + a.slug() + "/settings", Map.of("enabled", true));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
        }
        return server;
    }

    private List<AppDefinition> keyApps() {
        return catalog.all().stream().filter(a -> !a.sandbox() && a.authType() == AppDefinition.AuthType.KEYBASED)
                .limit(100).toList();
    }

    @Test
    void doesListTheFirstAppsAndFindTheRestBySearchWhenAHundredAreEnabled() {
        List<AppDefinition> enabled = keyApps();
        assertThat(enabled).hasSize(100);
        TestOrganization org = newOrganization();
        Api server = manyApps(org, enabled);
        AppDefinition last = enabled.getLast();   // sorted by name: beyond the first page

        LinkDriver http = new LinkDriver(api.base());
        http.open(LinkTokens.forUser("picker").create(server));
        LinkDriver.Page first = http.get("/link/s/" + http.handle() + "?go=1");
        assertThat(first.html().getBytes(StandardCharsets.UTF_8).length).as("the first page's size").isLessThan(60_000);
        assertThat(first.html().split("class=\"app\"", -1).length - 1).isEqualTo(LinkPicker.FIRST);
        assertThat(first.html()).contains("67 more apps").doesNotContain("data-slug=\"" + last.slug() + "\"");

        Page page = browser.newPage();
        page.navigate(api.base() + "/link?token=" + LinkTokens.forUser("picker-browser").create(server));
        page.locator("#intro-continue").click();
        PlaywrightAssertions.assertThat(page.locator("#apps li")).hasCount(LinkPicker.FIRST);
        PlaywrightAssertions.assertThat(page.locator("#categories")).isVisible();

        page.locator("#q").fill(last.name());
        PlaywrightAssertions.assertThat(page.locator("#apps button[data-slug=" + last.slug() + "]")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#more-apps")).isHidden();
        page.locator("#apps button[data-slug=" + last.slug() + "]").click();
        PlaywrightAssertions.assertThat(page.locator("h1")).isVisible();
        assertThat(page.url()).doesNotContain("/select");
        assertThat(page.locator("input[type=password]").count()).as("the key form of " + last.name()).isPositive();

        Page audited = browser.newPage(new Browser.NewPageOptions().setBypassCSP(true));   // to inject axe-core
        audited.navigate(api.base() + "/link?token=" + LinkTokens.forUser("picker-axe").create(server));
        audited.locator("#intro-continue").click();
        assertThat(Axe.seriousViolations(audited.mainFrame())).isEmpty();
        audited.locator("#q").fill("no such app anywhere");
        PlaywrightAssertions.assertThat(audited.locator("#no-match")).containsText("No app matches");
        assertThat(Axe.seriousViolations(audited.mainFrame())).isEmpty();
    }

    @Test
    void doesNarrowThePickerToACategoryAndShowEveryAppOnRequest() {
        TestOrganization org = newOrganization();
        List<AppDefinition> enabled = keyApps();
        Api server = manyApps(org, enabled);
        AppDefinition payment = enabled.stream()
                .filter(a -> a.categoryList().stream().anyMatch(c -> c.wire().equals("payments"))).toList().getLast();
        Page page = browser.newPage();
        page.navigate(api.base() + "/link?token=" + LinkTokens.forUser("categories").create(server));
        page.locator("#intro-continue").click();

        page.locator("#categories a[data-category=payments]").click();
        PlaywrightAssertions.assertThat(page.locator("#categories a[data-category=payments]"))
                .hasAttribute("aria-current", "page");
        List<String> slugs = page.locator("#apps button").all().stream().map(b -> b.getAttribute("data-slug")).toList();
        assertThat(slugs).isNotEmpty().allSatisfy(slug -> assertThat(catalog.find(slug).orElseThrow().categoryList())
                .extracting(c -> c.wire()).contains("payments"));
        page.locator("#q").fill(payment.name());
        PlaywrightAssertions.assertThat(page.locator("#apps button[data-slug=" + payment.slug() + "]")).isVisible();

        String handle = page.url().replaceAll(".*/link/s/([^/?#]+).*", "$1");
        page.navigate(api.base() + "/link/s/" + handle + "?go=1&all=1");
        assertThat(page.locator("#apps li").count()).isGreaterThan(100);
        PlaywrightAssertions.assertThat(page.locator("#more-apps")).hasCount(0);
    }
}
