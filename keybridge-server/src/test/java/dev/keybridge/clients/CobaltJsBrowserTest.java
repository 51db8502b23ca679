package dev.keybridge.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.keybridge.support.Api;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The original browser SDK itself, {@code @cobaltio/cobalt-js} 8.0.0 (its published {@code cobalt.js}, vendored
 * unmodified under {@code src/test/resources/cobalt-js-8.0.0}, MIT), in real Chromium on a page of another
 * origin, against the real server with only a session token: all twelve of its calls, read the way the SDK
 * reads them (any status of 400 or more rejects).
 */
class CobaltJsBrowserTest extends IntegrationTest {

    private static final String SDK = "/cobalt-js-8.0.0/cobalt.js";
    private static final String SDK_SHA256 = "42e7ea394d3b515fa71682a87321257c5c53425d9d67cc8d02c099f8fcd7946f";
    /**
     * How a call that the SDK rejects reads here. Its message is the response's {@code statusText}: the
     * standard reason phrase the server sends (issue 22; Tomcat 11 sent none, so the message was empty).
     */
    private static final String THREW = "threw:";

    /** The embedding page: the SDK as published (CommonJS, so it gets an {@code exports}), one instance on window. */
    private static final String PAGE = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Acme integrations</title></head><body>
            <script>var exports = {};</script>
            <script>%s</script>
            <script>window.cobalt = new exports.Cobalt({ baseUrl: "%s", token: "%s" });</script>
            </body></html>
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
    void doesServeEveryCallOfTheOriginalBrowserSdkWhenItRunsOnAPageOfAnotherOrigin() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        assertThat(server.put("/api/v2/public/config-schema/sandbox-keys", Map.of("fields", List.of(
                Map.of("id", "limit", "name", "Daily limit", "type", "number"),
                Map.of("id", "channel", "name", "Channel", "type", "select", "label_driven", true)))).status())
                .isEqualTo(200);
        String token = Sessions.token(server, "sdk-user");
        Page page = browser.newPage();
        page.navigate(browser.serve(PAGE.formatted(sdk(), api.base(), token)));
        assertThat(page.url()).doesNotStartWith(api.base());

        // 1. getAccountDetails: GET /api/v3/org/basics
        assertThat(call(page, "cobalt.getAccountDetails().then(d => d.linked_account.linked_account_id ?? d.linked_account.account_id)"))
                .isEqualTo("sdk-user");
        // 2. getApp(): GET /api/v2/f-sdk/application; a login app is offered as a popup app
        assertThat(call(page, "cobalt.getApp().then(apps => apps.filter(a => a.slug.startsWith('sandbox-'))"
                + ".map(a => a.slug + ':' + a.auth_type).sort().join(','))"))
                .contains("sandbox-ehr:oauth2", "sandbox-keys:keybased");
        // 3. getApp(slug): GET /api/v2/f-sdk/application/{slug}, and an error as the SDK shows it
        assertThat(call(page, "cobalt.getApp('sandbox-keys').then(a => a.name + ':' + a.connected)")).endsWith(":false");
        assertThat(call(page, "cobalt.getApp('no-such-app')")).isEqualTo(THREW + "Not Found");

        // 4. connect() of a key app: POST /api/v2/app/{slug}/save (a wrong key first)
        assertThat(call(page, "cobalt.connect('sandbox-keys', { api_key: 'key_bad' })")).startsWith(THREW)
                .as("the SDK's message, the reason phrase").isNotEqualTo(THREW);
        assertThat(call(page, "cobalt.connect('sandbox-keys', { api_key: 'key_good' })")).isEqualTo("true");

        // 5. connect() of a login + MFA app: GET /api/v1/{slug}/integrate, hosted Link in the SDK's popup,
        // then polling call 3 until connected
        Page popup = page.waitForPopup(() -> page.evaluate("() => { window.ehr = cobalt.connect('sandbox-ehr', "
                + "{ username: 'mfa_device' }).then(String, e => 'threw:' + e.message); }"));
        popup.waitForURL(u -> u.contains("/link/s/"));
        popup.locator("#intro-continue").click();
        popup.locator("#f-password").fill("pass_good");
        popup.locator("#f-password").press("Enter");
        popup.locator("#f-code").fill("1234");
        popup.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(call(page, "window.ehr")).isEqualTo("true");
        assertThat(server.withHeader("linked_account_id", "sdk-user").get("/api/v2/public/application/sandbox-ehr")
                .json().get("connected").asBoolean()).isTrue();

        // 6. config(): POST /api/v2/f-sdk/config, with labels
        assertThat(call(page, "cobalt.config({ slug: 'sandbox-keys', labels: [{ name: '#ops', value: 'C2' }] })"
                + ".then(c => c.config_id + ':' + c.fields.find(f => f.id === 'channel').options.length)")).isEqualTo("default:1");
        assertThat(call(page, "cobalt.config({ slug: 'sandbox-keys', config_id: 'eu-team' }).then(c => c.config_id)"))
                .isEqualTo("eu-team");
        // 7. updateConfig(): PUT /api/v2/f-sdk/config
        assertThat(call(page, "cobalt.updateConfig({ slug: 'sandbox-keys', fields: { limit: 25, channel: 'C2' } })"
                + ".then(c => c.fields.find(f => f.id === 'limit').value)")).isEqualTo("25");
        // 8, 9. getConfig(slug) and getConfig(slug, id): GET /api/v2/f-sdk/slug/{slug}/config[/{id}]
        assertThat(call(page, "cobalt.getConfig('sandbox-keys').then(c => c.fields.find(f => f.id === 'channel').value)"))
                .isEqualTo("C2");
        assertThat(call(page, "cobalt.getConfig('sandbox-keys', 'eu-team').then(c => c.config_id)")).isEqualTo("eu-team");
        // 10, 11. deleteConfig(slug, id) and deleteConfig(slug): DELETE …/config[/{id}], a JSON answer
        assertThat(call(page, "cobalt.deleteConfig('sandbox-keys', 'eu-team').then(r => r.deleted)")).isEqualTo("true");
        assertThat(call(page, "cobalt.deleteConfig('sandbox-keys').then(r => r.config_id)")).isEqualTo("default");
        assertThat(call(page, "cobalt.getConfig('sandbox-keys')")).startsWith(THREW);

        // 12. disconnect(): DELETE /api/v1/linked-acc/integration/{slug}, and the app reads disconnected
        assertThat(call(page, "cobalt.disconnect('sandbox-ehr').then(() => 'ok')")).isEqualTo("ok");
        assertThat(call(page, "cobalt.getApp('sandbox-ehr').then(a => String(a.connected))")).isEqualTo("false");
        assertThat(call(page, "cobalt.disconnect('sandbox-ehr')")).startsWith(THREW);
    }

    /** Runs {@code expression} (a promise) in the page: its value as a string, or {@code threw:<message>}. */
    private static String call(Page page, String expression) {
        return String.valueOf(page.evaluate("() => Promise.resolve(" + expression + ").then(String, e => 'threw:' + e.message)"));
    }

    /** The vendored SDK, checked against the published file's hash. */
    private static String sdk() {
        try (InputStream in = CobaltJsBrowserTest.class.getResourceAsStream(SDK)) {
            assertThat(in).as("the vendored SDK " + SDK).isNotNull();
            byte[] bytes = in.readAllBytes();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .as("cobalt.js is the published 8.0.0 file, unmodified").isEqualTo(SDK_SHA256);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
