package dev.keybridge.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.keybridge.dashboard.ConsoleDriver.accessible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.Api;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, item 8 in real Chromium: an endpoint's URL is edited in the console under the API's rules (a bad one
 * is refused with the field named and nothing changes), the endpoint is deleted only once confirmed, and a
 * delivery shows the payload it sent and each answer it got.
 */
class WebhookConsoleBrowserTest extends ConsoleBrowserTest {

    @Test
    void doesEditAnEndpointsUrlAndDeleteItOnlyWhenConfirmed() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Api.Response made = server.post("/api/v2/public/webhook", Map.of("webhook_url", "https://hooks.example.com/kb",
                "webhook_events", List.of("connection.created")));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String id = made.json().get("_id").asString();
        Page page = browser.newPage();
        ConsoleDriver.join(page, base(), invites, org.id(), "hooks-" + System.nanoTime() + "@example.com", Role.DEVELOPER);

        page.navigate(base() + "/dashboard/webhooks/endpoint?id=" + id);
        page.fill("#url", "ftp://hooks.example.com/kb");   // a URL to the browser, not to the API
        page.click("form[action$='/dashboard/webhooks/update'] button[type=submit]");
        assertThat(page.locator("#url-error")).isVisible();
        assertThat(page.locator("#url")).hasAttribute("aria-invalid", "true");
        accessible(page);
        assertThat(url(server, id)).as("a refused change changes nothing").isEqualTo("https://hooks.example.com/kb");

        page.navigate(base() + "/dashboard/webhooks/endpoint?id=" + id);
        page.fill("#url", "https://hooks.example.com/kb/v2");
        page.click("form[action$='/dashboard/webhooks/update'] button[type=submit]");
        assertThat(page.locator(".notice")).hasText("Saved.");
        assertThat(url(server, id)).isEqualTo("https://hooks.example.com/kb/v2");
        assertThat(server.get("/api/v2/public/webhook/" + id).json().get("webhook_events").get(0).asString())
                .as("the events ticked are kept").isEqualTo("connection.created");

        page.click("#delete-endpoint");
        assertThat(page.locator("#confirm-message")).containsText("https://hooks.example.com/kb/v2");
        accessible(page);
        page.click("#confirm-cancel");
        assertThat(server.get("/api/v2/public/webhook/" + id).status()).isEqualTo(200);
        page.click("#delete-endpoint");
        page.click("#confirm-ok");
        assertThat(page.locator(".notice")).containsText("was deleted");
        assertThat(server.get("/api/v2/public/webhook/" + id).status()).isEqualTo(404);
    }

    @Test
    void doesShowADeliverysPayloadAndTheAnswerItGotWhenItsEventIsOpened() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Receiver receiver = new Receiver().answer(r -> Receiver.Reply.status(418)
                .body("{\"teapot\":\"short and stout\"}".getBytes(StandardCharsets.UTF_8)));
        try {
            Api.Response made = server.post("/api/v2/public/webhook", Map.of("webhook_url", receiver.url(),
                    "webhook_events", List.of("webhook.test")));
            assertThat(made.status()).as(made.text()).isEqualTo(201);
            String id = made.json().get("_id").asString();
            Page page = browser.newPage();
            ConsoleDriver.join(page, base(), invites, org.id(), "payload-" + System.nanoTime() + "@example.com",
                    Role.DEVELOPER);
            page.navigate(base() + "/dashboard/webhooks/endpoint?id=" + id);
            page.click("#send-test");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.arrivals() >= 1);

            page.navigate(base() + "/dashboard/webhooks/endpoint?id=" + id);
            page.click("#deliveries a.delivery-link");

            assertThat(page.locator("h1")).containsText("Delivery");
            assertThat(page.locator("#payload")).containsText("\"type\" : \"webhook.test\"");
            assertThat(page.locator("#payload")).containsText("A test event from the Keybridge dashboard.");
            String sent = receiver.received().getFirst().body();
            assertThat(Api.JSON.readTree(page.locator("#payload").innerText())).isEqualTo(Api.JSON.readTree(sent));
            assertThat(page.locator("#delivery-attempts tbody tr").first()).containsText("418");
            assertThat(page.locator("#delivery-attempts")).containsText("short and stout");
            accessible(page);

            page.navigate(base() + "/dashboard/webhooks/delivery?id=" + id + "&delivery=dlv_nope");
            assertThat(page.locator("main")).containsText("not");
        } finally {
            receiver.close();
        }
    }

    private static String url(Api server, String id) {
        return server.get("/api/v2/public/webhook/" + id).json().get("webhook_url").asString();
    }
}
