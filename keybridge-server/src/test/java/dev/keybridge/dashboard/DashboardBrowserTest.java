package dev.keybridge.dashboard;

import static dev.keybridge.dashboard.ConsoleDriver.accessible;
import static dev.keybridge.dashboard.ConsoleDriver.screenshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.Api;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console in real Chromium, as an owner would use it, with axe-core on every page it passes:
 * sign-in, environments, credentials, apps, linked accounts and their repair, webhooks, members.
 */
class DashboardBrowserTest extends ConsoleBrowserTest {


    @Test
    void doesWalkAnOwnerThroughTheConsoleWhenSignedIn() {
        TestOrganization org = newOrganization();
        String email = "owner-" + System.nanoTime() + "@example.com";
        Page page = browser.newPage();
        page.setViewportSize(1280, 900);

        // Setup link, then sign-in: wrong password first.
        page.navigate(base() + "/dashboard/setup?token=" + invites.issue(org.id(), email, Role.OWNER).token());
        accessible(page);
        screenshot(page, "setup");
        page.fill("#password", ConsoleDriver.PASSWORD);
        page.click("button[type=submit]");
        ConsoleDriver.signIn(page, email, "not the password at all");
        assertThat(page.locator("#signin-error").textContent()).contains("not right");
        assertThat(page.inputValue("#email")).isEqualTo(email);
        accessible(page);
        screenshot(page, "signin-error");
        ConsoleDriver.signIn(page, email, ConsoleDriver.PASSWORD);
        assertThat(page.url()).endsWith("/dashboard");
        assertThat(page.locator("#env-badge").textContent()).contains("Test");
        accessible(page);

        // An API key made in the console works over HTTP and creates a linked account with a connection.
        page.navigate(base() + "/dashboard/credentials");
        accessible(page);
        page.fill("#name", "");
        page.click("#create-credential");
        assertThat(page.locator("#name-error").textContent()).contains("name");
        accessible(page);
        page.fill("#name", "browser test key");
        page.click("#create-credential");
        String key = page.locator("#api-key").textContent().strip();
        accessible(page);
        screenshot(page, "credential-created");
        Api server = api.withHeader("x-api-key", key);
        Api.Response pt = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "dash-user-1",
                "app", "sandbox-ehr", "options", Map.of("username", "user_good")));
        assertThat(pt.status()).as(pt.text()).isEqualTo(200);
        String accessToken = LinkTokens.exchange(server, pt.json().get("public_token").asString());

        // Apps: disable and enable a sandbox app again.
        page.navigate(base() + "/dashboard/apps?q=sandbox");
        accessible(page);
        page.click("[data-slug=sandbox-keys] button[type=submit]");
        PlaywrightAssertions.assertThat(page.locator("[data-slug=sandbox-keys] .app-state")).hasText("not enabled");
        page.click("[data-slug=sandbox-keys] button[type=submit]");
        PlaywrightAssertions.assertThat(page.locator("[data-slug=sandbox-keys] .app-state")).hasText("enabled");
        screenshot(page, "apps");

        // An OAuth app: the callback URL to register is shown; enabled with its client, then its secret is
        // replaced while it stays enabled.
        page.navigate(base() + "/dashboard/apps?q=github");
        assertThat(page.locator("#callback-url-value").textContent()).startsWith("http").endsWith("/link/oauth/callback");
        page.fill("#cid-github", "gh-client-1");
        page.fill("#cs-github", "gh-secret-1");
        page.click("[data-slug=github] button.toggle");
        PlaywrightAssertions.assertThat(page.locator("[data-slug=github] .app-state")).hasText("enabled");
        page.navigate(base() + "/dashboard/apps?q=github"); // a page without the notice, so the next one is new
        page.fill("#cs-github", "gh-secret-2");
        page.click("[data-slug=github] button.save-client");
        PlaywrightAssertions.assertThat(page.locator(".notice")).containsText("the client is saved; it is enabled");
        PlaywrightAssertions.assertThat(page.locator("[data-slug=github] .app-state")).hasText("enabled");
        accessible(page);
        page.click("[data-slug=github] button.toggle");
        PlaywrightAssertions.assertThat(page.locator("[data-slug=github] .app-state")).hasText("not enabled");

        // The config schema editor of an app: saved from the textarea, then shown.
        page.navigate(base() + "/dashboard/apps/config-schema?slug=sandbox-keys");
        accessible(page);
        page.fill("textarea", "{\"fields\":[{\"id\":\"region\",\"name\":\"Region\",\"type\":\"text\"}]}");
        page.click("text=Save config schema");
        assertThat(page.content()).contains("region");
        accessible(page);
        screenshot(page, "config-schema");

        // The account made through the API, found by a prefix of its id.
        page.navigate(base() + "/dashboard/accounts");
        page.fill("#q", "dash-");
        page.click("main form[role=search] button");
        accessible(page);
        screenshot(page, "accounts");
        page.click("text=dash-user-1");
        assertThat(page.locator(".conn-status").first().textContent()).isEqualTo("active");
        accessible(page);

        // reset_login: login_required with its reason; a reconnect link repairs it in update mode.
        Api.Response reset = server.post("/sandbox/connection/reset_login",
                Map.of("access_token", accessToken, "reason", "password_expired"));
        assertThat(reset.status()).as(reset.text()).isEqualTo(200);
        page.reload();
        assertThat(page.locator(".conn-status").first().textContent()).isEqualTo("login_required");
        assertThat(page.locator(".conn-reason").first().textContent()).contains("password_expired");
        screenshot(page, "account-login-required");
        page.click("button.reconnect");
        String link = page.locator("#reconnect-link").textContent().strip();
        assertThat(link).startsWith(base() + "/link?token=lt_test_");
        accessible(page);
        screenshot(page, "reconnect-link");
        Page endUser = browser.newPage();
        endUser.navigate(link);
        assertThat(endUser.inputValue("#f-username")).isEqualTo("user_good");
        endUser.click("#intro-continue");      // Link's "Reconnect your Sandbox EHR account" pane
        endUser.fill("#f-password", "pass_good");
        endUser.click("#step-form button.primary");
        assertThat(endUser.locator("main").getAttribute("data-step")).isEqualTo("succeeded");
        endUser.close();
        page.navigate(base() + "/dashboard/accounts/view?id=dash-user-1");
        assertThat(page.locator(".conn-status").first().textContent()).isEqualTo("active");
        assertThat(server.get("/v1/connection").status()).isNotEqualTo(500);

        // Webhooks: a test event fails at the receiver, then is redelivered and succeeds.
        try (Receiver receiver = new Receiver()) {
            receiver.answer(r -> Receiver.Reply.status(500));
            page.navigate(base() + "/dashboard/webhooks");
            accessible(page);
            page.fill("#url", receiver.url());
            page.check("input[value='connection.repaired']");
            page.click("#add-endpoint");
            assertThat(page.locator("#signing-secret").textContent()).startsWith("whsec_");
            accessible(page);
            page.click("text=Go to the endpoint");
            page.click("#send-test");
            page.click("#filter-failed");
            reloadUntil(page, "#deliveries .status-failed");
            // A test event is one attempt, failed at once (not a day of retries).
            PlaywrightAssertions.assertThat(page.locator("#deliveries tbody tr").first().locator("td").nth(3)).hasText("1");
            accessible(page);
            screenshot(page, "webhook-failed");
            receiver.answer(r -> Receiver.Reply.status(200));
            page.click("#deliveries button.redeliver");
            page.navigate(page.url().replace("&status=failed", ""));
            reloadUntil(page, "#deliveries .status-succeeded");
            assertThat(page.locator("#attempts tbody tr").count()).isGreaterThanOrEqualTo(2);
            screenshot(page, "webhook-redelivered");
        }

        // Overview, then production: nothing of the test environment shows there.
        page.navigate(base() + "/dashboard");
        assertThat(page.locator("#count-accounts").textContent()).isEqualTo("1");
        assertThat(page.locator("#count-failed").textContent()).isNotEqualTo("0");
        accessible(page);
        screenshot(page, "overview");
        page.setViewportSize(375, 800);
        accessible(page);
        screenshot(page, "overview-375px");
        page.setViewportSize(1280, 900);
        // The switch takes effect on selection (no button press).
        page.selectOption("#environment", "production");
        PlaywrightAssertions.assertThat(page.locator("#env-badge")).containsText("PRODUCTION");
        page.navigate(base() + "/dashboard/accounts");
        assertThat(page.locator("#no-accounts").isVisible()).isTrue();
        accessible(page);
        screenshot(page, "production");
        page.selectOption("#environment", "test");
        PlaywrightAssertions.assertThat(page.locator("#env-badge")).containsText("Test");

        // A viewer, invited by the owner, reads but cannot change anything.
        page.navigate(base() + "/dashboard/members");
        accessible(page);
        String viewerEmail = "viewer-" + System.nanoTime() + "@example.com";
        page.fill("#email", viewerEmail);
        page.selectOption("#role", "viewer");
        page.click("#invite");
        String invite = page.locator("#invite-link").textContent().strip();
        accessible(page);
        screenshot(page, "invite");
        Page viewer = browser.newPage();
        viewer.navigate(invite);
        assertThat(viewer.inputValue("#email")).isEqualTo(viewerEmail);
        viewer.fill("#password", ConsoleDriver.PASSWORD);
        viewer.click("button[type=submit]");
        viewer.waitForURL("**/dashboard/signin?welcome");
        // Keyboard only: Tab from the top of the page to the fields, Enter to sign in.
        viewer.keyboard().press("Tab");
        assertThat(viewer.evaluate("() => document.activeElement.id")).isEqualTo("email");
        viewer.keyboard().type(viewerEmail);
        viewer.keyboard().press("Tab");
        viewer.keyboard().type(ConsoleDriver.PASSWORD);
        viewer.keyboard().press("Enter");
        viewer.waitForURL("**/dashboard");
        viewer.keyboard().press("Tab");
        assertThat(viewer.evaluate("() => document.activeElement.textContent")).isEqualTo("Skip to content");
        viewer.navigate(base() + "/dashboard/credentials");
        assertThat(viewer.locator("#create-credential").count()).isZero();
        assertThat(viewer.locator("text=Revoke").count()).isZero();
        long before = credentials(org.id());
        APIResponse forced = viewer.request().post(base() + "/dashboard/credentials", RequestOptions.create()
                .setForm(FormData.create().set("name", "sneaky").set("kind", "api_key").set("_csrf", ConsoleDriver.csrf(viewer)))
                .setMaxRedirects(0));
        assertThat(forced.status()).isEqualTo(403);
        assertThat(forced.text()).contains("Your role cannot make this change");
        assertThat(credentials(org.id())).isEqualTo(before);
        viewer.navigate(base() + "/dashboard/members");
        assertThat(viewer.locator("#problem").textContent()).contains("Your role cannot");
        accessible(viewer);
        viewer.navigate(base() + "/dashboard/accounts/view?id=dash-user-1");
        assertThat(viewer.locator("button.reconnect").count()).isZero();
        viewer.close();

        // Disconnect, then delete the account after its confirmation page.
        page.navigate(base() + "/dashboard/accounts/view?id=dash-user-1");
        page.click("text=Disconnect");
        page.click("#confirm-ok");
        PlaywrightAssertions.assertThat(page.locator("main .notice")).containsText("was disconnected");
        assertThat(page.locator(".conn-status").first().textContent()).isEqualTo("disconnected");
        assertThat(page.locator("button.reconnect").count()).isZero();
        page.click("#delete-account");
        accessible(page);
        assertThat(server.get("/api/v2/public/linked-account/dash-user-1").status()).as("not deleted before confirming")
                .isEqualTo(200);
        page.click("#confirm-delete");
        assertThat(page.locator("main .notice").textContent()).contains("dash-user-1 was deleted");
        assertThat(server.get("/api/v2/public/linked-account/dash-user-1").status()).isEqualTo(404);

        page.click("form.who button");
        assertThat(page.url()).contains("/dashboard/signin?signedout");
        page.navigate(base() + "/dashboard/accounts");
        assertThat(page.url()).contains("/dashboard/signin");
        page.close();
    }

    @Test
    void doesNotShowAnotherOrganizationsDataWhenSignedInToOne() {
        TestOrganization a = newOrganization();
        TestOrganization b = newOrganization();
        Api serverA = a.test().withKey(api);
        assertThat(serverA.post("/api/v2/public/linked-account", Map.of("linked_account_id", "only-in-a", "name", "Ann A"))
                .status()).isLessThan(300);
        Page pageB = browser.newPage();
        ConsoleDriver.join(pageB, base(), invites, b.id(), "b-" + System.nanoTime() + "@example.com", Role.OWNER);

        pageB.navigate(base() + "/dashboard/accounts?q=only-in");
        assertThat(pageB.content()).doesNotContain("only-in-a");
        pageB.navigate(base() + "/dashboard/accounts/view?id=only-in-a");
        assertThat(pageB.locator("#problem").textContent()).contains("only-in-a");
        assertThat(pageB.content()).doesNotContain("Ann A");
        pageB.navigate(base() + "/dashboard/credentials");
        assertThat(pageB.content()).doesNotContain(a.test().apiKey().substring(a.test().apiKey().length() - 4) + "</code>")
                .doesNotContain(a.test().clientId());
        pageB.navigate(base() + "/dashboard");
        assertThat(pageB.locator("#count-accounts").textContent()).isEqualTo("0");
        pageB.close();
    }

    private long credentials(String orgId) {
        return jdbc.sql("select count(*) from environment_credential where org_id = ?").param(orgId).query(Long.class).single();
    }

    private static void reloadUntil(Page page, String selector) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            page.reload();
            return page.locator(selector).count() > 0;
        });
    }
}
