package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Apps your users looked for (issue 19, item 6): a Link search that matches no enabled app is counted per term
 * and environment, whether the page's script sends it or the form is submitted without one; a search that finds
 * an app, a term too short, or a session past the picker counts nothing.
 */
class SearchMissesTest extends IntegrationTest {

    @Autowired
    private SearchMisses misses;

    @Test
    void doesCountASearchThatFindsNoEnabledAppOncePerSearchWhenTheBeaconOrTheFormSendsIt() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        LinkDriver browser = new LinkDriver(api.base());
        assertThat(browser.open(LinkTokens.forUser("searcher").create(server)).step()).isEqualTo("picking");
        String handle = browser.handle();

        assertThat(browser.postRaw("/link/s/" + handle + "/missed", Map.of("q", "  NetSuite  ")).status()).isEqualTo(204);
        assertThat(browser.postRaw("/link/s/" + handle + "/missed", Map.of("q", "netsuite")).status()).isEqualTo(204);
        LinkDriver.Page formSearch = browser.get("/link/s/" + handle + "?go=1&q=Workday");
        assertThat(formSearch.status()).isEqualTo(200);
        browser.postRaw("/link/s/" + handle + "/missed", Map.of("q", "sandbox keys"));   // an enabled app: no miss
        browser.postRaw("/link/s/" + handle + "/missed", Map.of("q", "x"));              // too short
        browser.postRaw("/link/s/" + handle + "/missed", Map.of("q", "y".repeat(61)));   // too long

        List<SearchMisses.Miss> top = misses.top(org.id(), Environment.TEST, 10);
        assertThat(top).extracting(SearchMisses.Miss::term).containsExactly("netsuite", "workday");
        assertThat(top.getFirst().searches()).isEqualTo(2);
        assertThat(misses.top(org.id(), Environment.PRODUCTION, 10)).as("the other environment sees none").isEmpty();
        assertThat(misses.top(newOrganization().id(), Environment.TEST, 10)).as("nor does another organization").isEmpty();
    }

    @Test
    void doesCountNothingWhenTheSessionIsUnknownOrPastThePicker() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        LinkDriver browser = new LinkDriver(api.base());

        assertThat(browser.postRaw("/link/s/no-such-handle/missed", Map.of("q", "netsuite")).status()).isEqualTo(404);
        browser.open(LinkTokens.forUser("chosen").app("sandbox-keys").create(server));
        assertThat(browser.postRaw("/link/s/" + browser.handle() + "/missed", Map.of("q", "netsuite")).status())
                .isEqualTo(204);

        assertThat(misses.top(org.id(), Environment.TEST, 10)).isEmpty();
    }

    @Test
    void doesNormalizeATermWhenItIsCounted() {
        assertThat(SearchMisses.normalize("  Net   Suite ")).isEqualTo("net suite");
        assertThat(SearchMisses.normalize("a")).isNull();
        assertThat(SearchMisses.normalize(null)).isNull();
        assertThat(SearchMisses.normalize("z".repeat(60))).hasSize(60);
    }
}
