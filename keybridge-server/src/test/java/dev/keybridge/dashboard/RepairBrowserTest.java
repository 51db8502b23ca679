package dev.keybridge.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.keybridge.dashboard.ConsoleDriver.accessible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.Api;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Smtp;
import dev.keybridge.support.TestOrganization;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 3 in real Chromium: the repair inbox lists the connections whose login stopped working, a bulk
 * send e-mails reconnect links through a real SMTP server (GreenMail), the end user opens the link from the e-mail
 * and repairs the connection, and the inbox shows it repaired.
 */
class RepairBrowserTest extends ConsoleBrowserTest {

    private static final Pattern LINK = Pattern.compile("(http://\\S+/link\\?token=lt_test_\\w+)");


    /** A sandbox EHR connection for {@code account} whose login then stops working; returns its access token. */
    private String broken(Api server, String account) {
        Api.Response pt = server.post("/sandbox/public_token/create", Map.of("linked_account_id", account,
                "app", "sandbox-ehr", "options", Map.of("username", "user_good")));
        assertThat(pt.status()).as(pt.text()).isEqualTo(200);
        String token = LinkTokens.exchange(server, pt.json().get("public_token").asString());
        assertThat(server.post("/sandbox/connection/reset_login", Map.of("access_token", token, "reason", "password_expired"))
                .status()).isEqualTo(200);
        return token;
    }

    @Test
    void doesListBrokenLoginsSendLinksByEmailAndShowTheRepairWhenTheEndUserFollowsOne() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        String first = broken(server, "repair-one");
        broken(server, "repair-two");
        Page page = browser.newPage();
        ConsoleDriver.join(page, base(), invites, org.id(), "repairer-" + System.nanoTime() + "@example.com", Role.DEVELOPER);

        page.navigate(base() + "/dashboard/repair");
        assertThat(page.locator("#repair tbody tr")).hasCount(2);
        assertThat(page.locator("#repair-counts a[data-state=login_required]")).hasText("login_required (2)");
        accessible(page);

        String one = "one-" + System.nanoTime() + "@customer.example";
        String two = "two-" + System.nanoTime() + "@customer.example";
        page.locator("tr:has-text('repair-one') input[type=checkbox]").check();
        page.locator("tr:has-text('repair-one') input[type=email]").fill(one);
        page.locator("tr:has-text('repair-two') input[type=checkbox]").check();
        page.locator("tr:has-text('repair-two') input[type=email]").fill(two);
        page.selectOption("#lifetime", "24");
        page.click("#send-links");

        assertThat(page.locator("#sent tbody tr")).hasCount(2);
        assertThat(page.locator("#sent .link-state").first()).containsText("sent to");
        accessible(page);
        assertThat(Smtp.to(one)).hasSize(1);
        assertThat(Smtp.to(two)).hasSize(1);
        Smtp.Mail mail = Smtp.to(one).getFirst();
        assertThat(mail.subject()).contains("Sandbox EHR");
        Matcher m = LINK.matcher(mail.body());
        assertThat(m.find()).as(mail.body()).isTrue();

        // The end user opens the link from the e-mail: only the new password is asked for.
        Page endUser = browser.newPage();
        endUser.navigate(m.group(1));
        assertThat(endUser.locator("#intro h1")).hasText("Reconnect your Sandbox EHR account");
        endUser.click("#intro-continue");
        endUser.fill("#f-password", "pass_good");
        endUser.locator("#step-form button[type=submit].primary").click();
        assertThat(endUser.locator("#kb-link")).hasAttribute("data-step", "succeeded");

        page.navigate(base() + "/dashboard/repair");
        assertThat(page.locator("#repair tbody tr")).hasCount(1);
        assertThat(page.locator("#repair tbody tr")).containsText("repair-two");
        assertThat(page.locator("#repair tbody tr .last-link")).hasText("sent");
        assertThat(page.locator("#repaired tbody tr")).hasCount(1);
        assertThat(page.locator("#repaired tbody tr")).containsText("repair-one");
        assertThat(page.locator("#repaired tbody tr")).containsText("completed");
        assertThat(server.withHeader("access_token", first).get("/v1/connection").json().get("status").asString())
                .isEqualTo("active");
    }
}
