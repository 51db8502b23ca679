package dev.keybridge.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.keybridge.dashboard.ConsoleDriver.accessible;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.Api;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every destructive action of the console asks first, in a modal dialog naming what will be lost
 * (dashboard.js, data-confirm): cancelling (button or Escape) leaves everything as it was, confirming
 * does it. Real Chromium, with the dashboard's CSP, axe-core with the dialog open.
 */
class DashboardConfirmBrowserTest extends ConsoleBrowserTest {


    @Test
    void doesNothingUntilConfirmedWhenADestructiveActionIsAsked() {
        TestOrganization org = newOrganization();
        Page page = browser.newPage();
        ConsoleDriver.join(page, base(), invites, org.id(), "owner-" + System.nanoTime() + "@example.com", Role.OWNER);

        // A key made in the console, and a connection made with it.
        page.navigate(base() + "/dashboard/credentials");
        page.fill("#name", "confirm test key");
        page.click("#create-credential");
        String key = page.locator("#api-key").textContent().strip();
        Api server = api.withHeader("x-api-key", key);
        Api.Response pt = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "confirm-user-1",
                "app", "sandbox-ehr", "options", Map.of("username", "user_good")));
        assertThat(pt.status()).as(pt.text()).isEqualTo(200);
        LinkTokens.exchange(server, pt.json().get("public_token").asString());

        // Disconnect, by keyboard: focus starts on Cancel, Escape cancels and gives focus back.
        page.navigate(base() + "/dashboard/accounts/view?id=confirm-user-1");
        page.focus("text=Disconnect");
        page.keyboard().press("Enter");
        assertThat(page.locator("#confirm-dialog")).isVisible();
        assertThat(page.locator("#confirm-message")).containsText("confirm-user-1");
        assertThat(page.locator("#confirm-message")).containsText("access token stops working");
        assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("confirm-cancel");
        accessible(page);
        page.keyboard().press("Escape");
        assertThat(page.locator("#confirm-dialog")).isHidden();
        assertThat(page.evaluate("() => document.activeElement.textContent.trim()")).isEqualTo("Disconnect");
        page.reload();
        assertThat(page.locator(".conn-status").first().textContent()).isEqualTo("active");
        page.click("text=Disconnect");
        page.click("#confirm-cancel");
        page.reload();
        assertThat(page.locator(".conn-status").first().textContent()).isEqualTo("active");
        page.click("text=Disconnect");
        page.click("#confirm-ok");
        assertThat(page.locator("main .notice")).containsText("was disconnected");
        assertThat(page.locator(".conn-status").first().textContent()).isEqualTo("disconnected");

        // Revoke: the dialog names the key; cancelled, the key still works; confirmed, it does not.
        page.navigate(base() + "/dashboard/credentials");
        page.click("[aria-label='Revoke confirm test key']");
        assertThat(page.locator("#confirm-message")).containsText("Revoke the API key “confirm test key” (…");
        assertThat(page.locator("#confirm-message")).containsText("Apps using it stop working at once");
        assertThat(page.locator("#confirm-ok")).hasText("Revoke");
        accessible(page);
        page.click("#confirm-cancel");
        assertThat(server.get("/api/v2/public/linked-account/confirm-user-1").status()).isEqualTo(200);
        page.reload();
        assertThat(page.locator("[aria-label='Revoke confirm test key']")).isVisible();
        page.click("[aria-label='Revoke confirm test key']");
        page.click("#confirm-ok");
        assertThat(page.locator("main .notice")).containsText("was revoked");
        assertThat(server.get("/api/v2/public/linked-account/confirm-user-1").status()).isEqualTo(401);

        // Rotate a webhook endpoint's signing secret.
        try (Receiver receiver = new Receiver()) {
            page.navigate(base() + "/dashboard/webhooks");
            page.fill("#url", receiver.url());
            page.click("#add-endpoint");
            String secret = page.locator("#signing-secret").textContent().strip();
            page.click("text=Go to the endpoint");
            page.waitForURL("**/dashboard/webhooks/endpoint?id=*"); // and its load: dashboard.js is deferred
            page.click("text=Rotate the signing secret");
            assertThat(page.locator("#confirm-message")).containsText(receiver.url());
            accessible(page);
            page.click("#confirm-cancel");
            assertThat(page.locator("main h1")).containsText("Endpoint");
            page.click("text=Rotate the signing secret");
            page.click("#confirm-ok");
            assertThat(page.locator("main h1")).hasText("New signing secret");
            assertThat(page.locator("#signing-secret").textContent().strip()).startsWith("whsec_").isNotEqualTo(secret);
        }

        // Delete a config schema.
        page.navigate(base() + "/dashboard/apps/config-schema?slug=sandbox-keys");
        page.fill("textarea", "{\"fields\":[{\"id\":\"region\",\"name\":\"Region\",\"type\":\"text\"}]}");
        page.click("text=Save config schema");
        assertThat(page.locator("#schema-summary")).isVisible();
        page.waitForLoadState();
        page.click("text=Delete config schema");
        assertThat(page.locator("#confirm-message")).containsText("sandbox-keys");
        page.click("#confirm-cancel");
        page.reload();
        assertThat(page.locator("#schema-summary")).isVisible();
        page.click("text=Delete config schema");
        page.click("#confirm-ok");
        assertThat(page.locator("#no-schema")).isVisible();

        // Remove a member who has signed in.
        String memberEmail = "member-" + System.nanoTime() + "@example.com";
        Page member = browser.newPage();
        ConsoleDriver.join(member, base(), invites, org.id(), memberEmail, Role.DEVELOPER);
        member.close();
        page.navigate(base() + "/dashboard/members");
        page.click("[aria-label='Remove " + memberEmail + "']");
        assertThat(page.locator("#confirm-message")).containsText("Remove " + memberEmail);
        accessible(page);
        page.click("#confirm-cancel");
        page.reload();
        assertThat(page.locator("#members")).containsText(memberEmail);
        page.click("[aria-label='Remove " + memberEmail + "']");
        page.click("#confirm-ok");
        assertThat(page.locator("main .notice")).containsText(memberEmail + " was removed");
        assertThat(page.locator("#members")).not().containsText(memberEmail);
        page.close();
    }
}
