package dev.keybridge.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.keybridge.support.Api;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.userconfig.UserConfigTestSchemas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole front door in real Chromium: a page served on another origin (localhost:<other port>), holding
 * only a session token, calls Keybridge (127.0.0.1:<port>) cross-origin the way the browser SDK does:
 * lists apps, connects the sandbox key app with a wrong then a right key, connects the sandbox EHR with MFA
 * through the popup path (integrate, then polling the application until connected), sets and reads a
 * config, and disconnects.
 */
class FrontDoorBrowserTest extends IntegrationTest {

    /** The embedding app's page: a tiny stand-in for the browser SDK (fetch + bearer token, nothing else). */
    private static final String PAGE = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Acme settings</title></head><body>
            <output id="error"></output>
            <button id="list">List apps</button><output id="apps"></output>
            <button id="bad-key">Wrong key</button><output id="bad"></output>
            <button id="good-key">Right key</button><output id="good"></output>
            <button id="ehr">Connect EHR</button><output id="ehr-out"></output>
            <button id="config">Config</button><output id="config-out"></output>
            <button id="disconnect">Disconnect</button><output id="disconnect-out"></output>
            <script>
              const KB = "%s", TOKEN = "%s";
              async function call(method, path, body) {
                const init = { method, headers: { authorization: "Bearer " + TOKEN } };
                if (body !== undefined) { init.headers["content-type"] = "application/json"; init.body = JSON.stringify(body); }
                const r = await fetch(KB + path, init);
                return { status: r.status, json: await r.json() };
              }
              const out = (id, text) => { document.getElementById(id).textContent = text; };
              const on = (id, f) => document.getElementById(id).addEventListener("click", () => f().catch(e => out("error", "threw:" + e)));
              on("list", async () => {
                const r = await call("GET", "/api/v2/f-sdk/application");
                out("apps", r.json.map(a => a.slug + ":" + a.auth_type + ":" + a.connected).join(","));
              });
              on("bad-key", async () => {
                const r = await call("POST", "/api/v2/app/sandbox-keys/save", { api_key: "key_bad" });
                out("bad", r.status + ":" + r.json.error);
              });
              on("good-key", async () => {
                const r = await call("POST", "/api/v2/app/sandbox-keys/save", { api_key: "key_good" });
                const app = await call("GET", "/api/v2/f-sdk/application/sandbox-keys");
                out("good", r.status + ":" + r.json.success + ":" + app.json.connected);
              });
              on("ehr", async () => {
                const popup = window.open("", "_blank");   // opened on the click, as a popup blocker wants
                const r = await call("GET", "/api/v1/sandbox-ehr/integrate?username=mfa_device");
                popup.location = r.json.auth_url;
                out("ehr-out", "waiting");
                for (;;) {
                  await new Promise(done => setTimeout(done, 300));
                  const app = await call("GET", "/api/v2/f-sdk/application/sandbox-ehr");
                  if (app.json.connected && !app.json.reauth_required) { out("ehr-out", "connected"); return; }
                }
              });
              on("config", async () => {
                await call("POST", "/api/v2/f-sdk/config", { slug: "sandbox-keys" });
                const put = await call("PUT", "/api/v2/f-sdk/config", { slug: "sandbox-keys", fields: { limit: 42 } });
                const got = await call("GET", "/api/v2/f-sdk/slug/sandbox-keys/config");
                out("config-out", put.status + ":" + got.json.fields.find(f => f.id === "limit").value);
              });
              on("disconnect", async () => {
                const r = await call("DELETE", "/api/v1/linked-acc/integration/sandbox-keys");
                const app = await call("GET", "/api/v2/f-sdk/application/sandbox-keys");
                out("disconnect-out", r.status + ":" + app.json.connected);
              });
            </script></body></html>
            """;

    private EmbeddingBrowser browser;

    @BeforeEach
    void start() {
        browser = new EmbeddingBrowser();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void doesRunTheWholeFrontDoorFromAPageOnAnotherOriginWithOnlyASessionToken() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        assertThat(server.put("/api/v2/public/config-schema/sandbox-keys", UserConfigTestSchemas.simple()).status())
                .isEqualTo(200);
        String token = Sessions.token(server, "browser-front-door");
        Page page = browser.newPage();
        page.navigate(browser.serve(PAGE.formatted(api.base(), token)));
        assertThat(page.url()).doesNotStartWith(api.base());

        page.click("#list");
        PlaywrightAssertions.assertThat(page.locator("#apps")).containsText("sandbox-keys:keybased:false");
        assertThat(page.locator("#apps").textContent()).contains("sandbox-ehr:oauth2:false");

        page.click("#bad-key");
        PlaywrightAssertions.assertThat(page.locator("#bad")).hasText("400:invalid_credentials");
        page.click("#good-key");
        PlaywrightAssertions.assertThat(page.locator("#good")).hasText("200:true:true");

        Page popup = page.waitForPopup(() -> page.click("#ehr"));
        popup.waitForURL(u -> u.contains("/link/s/"));
        PlaywrightAssertions.assertThat(popup.locator("#f-username")).hasValue("mfa_device");
        popup.locator("#intro-continue").click();      // Link's intro pane ("… uses Keybridge to connect your account")
        popup.locator("#f-password").fill("pass_good");
        popup.locator("#f-password").press("Enter");
        popup.locator("#f-code").fill("1234");
        popup.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        PlaywrightAssertions.assertThat(page.locator("#ehr-out")).hasText("connected");

        page.click("#config");
        PlaywrightAssertions.assertThat(page.locator("#config-out")).hasText("200:42");

        page.click("#disconnect");
        PlaywrightAssertions.assertThat(page.locator("#disconnect-out")).hasText("200:false");

        List<String> types = jdbc.sql("select type from event where org_id = ? and type like 'connection.%' order by created_at, id")
                .param(org.id()).query(String.class).list();
        assertThat(types).containsSubsequence("connection.created", "connection.deleted");
        assertThat(server.withHeader("linked_account_id", "browser-front-door").get("/api/v2/public/application/sandbox-ehr")
                .json().get("connected").asBoolean()).isTrue();
    }

    @Test
    void doesKeepAPageOffTheAllowListFromReadingAnything() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        assertThat(server.put("/api/v2/public/frontend/settings",
                Map.of("allowed_origins", List.of("https://only.example.com"))).status()).isEqualTo(200);
        String token = Sessions.token(server, "browser-blocked");
        Page page = browser.newPage();
        page.navigate(browser.serve(PAGE.formatted(api.base(), token)));

        page.click("#list");

        PlaywrightAssertions.assertThat(page.locator("#error")).containsText("threw:TypeError");
        assertThat(page.locator("#apps").textContent()).isEmpty();
    }
}
