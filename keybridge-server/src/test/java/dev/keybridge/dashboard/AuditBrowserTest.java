package dev.keybridge.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.keybridge.dashboard.ConsoleDriver.accessible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.Api;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 4 in real Chromium: the console's audit page lists the proxy calls made with a stored credential,
 * filters them, and its verification holds until a record is deleted in the database, then names where it breaks.
 */
class AuditBrowserTest extends ConsoleBrowserTest {

    @Test
    void doesListProxyCallsAndNameTheBrokenRecordWhenOneIsDeleted() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Api.Response pt = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "audited", "app", "sandbox-keys"));
        Api proxied = server.withHeader("access_token", LinkTokens.exchange(server, pt.json().get("public_token").asString()));
        for (int i = 0; i < 3; i++) {
            assertThat(proxied.get("/v1/proxy/me").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from audit_record where org_id = ? and action = 'proxy.call'").param(org.id())
                .query(Integer.class).single() == 3);
        Page page = browser.newPage();
        ConsoleDriver.join(page, base(), invites, org.id(), "auditor-" + System.nanoTime() + "@example.com", Role.VIEWER);

        page.navigate(base() + "/dashboard/audit");
        assertThat(page.locator("#audit tbody tr:has-text('proxy.call')")).hasCount(3);
        assertThat(page.locator("#audit tbody tr").first()).containsText("path=/me");
        accessible(page);
        page.fill("#action", "credential.import");
        page.click("button:has-text('Filter')");
        assertThat(page.locator("#no-records")).isVisible();

        page.navigate(base() + "/dashboard/audit");
        page.click("#verify");
        assertThat(page.locator("#verified")).containsText("The chain holds");
        long middle = jdbc.sql("select seq from audit_record where org_id = ? and action = 'proxy.call' order by seq "
                + "offset 1 limit 1").param(org.id()).query(Long.class).single();
        jdbc.sql("delete from audit_record where org_id = ? and seq = ?").params(org.id(), middle).update();
        page.click("#verify");
        assertThat(page.locator("#broken")).containsText("broken at record");
        accessible(page);
    }
}
