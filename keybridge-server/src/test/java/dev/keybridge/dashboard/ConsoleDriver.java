package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.dashboard.signin.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Drives the dashboard in a real Chromium page: accepts an invitation, signs in, checks a page with
 * axe-core (vendored npm package, injected through DevTools so the page's CSP stays on) and takes the
 * screenshots docs/dashboard.md shows.
 */
final class ConsoleDriver {

    static final String PASSWORD = "correct horse battery staple";
    private static final String AXE = load();
    private static final Path IMAGES = Path.of("..", "docs", "images");

    private ConsoleDriver() {}

    /** A new operator of {@code orgId}: an invitation accepted in the page, then signed in. */
    static void join(Page page, String base, Invites invites, String orgId, String email, Role role) {
        String token = invites.issue(orgId, email, role).token();
        page.navigate(base + "/dashboard/setup?token=" + token);
        page.fill("#password", PASSWORD);
        page.click("button[type=submit]");
        assertThat(page.url()).contains("/dashboard/signin?welcome");
        signIn(page, email, PASSWORD);
        assertThat(page.url()).endsWith("/dashboard");
    }

    static void signIn(Page page, String email, String password) {
        page.fill("#email", email);
        page.fill("#password", password);
        page.click("main button[type=submit]");
    }

    /** The page's serious and critical accessibility violations (axe-core), as "rule: targets". */
    @SuppressWarnings("unchecked")
    static List<String> violations(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe !== 'undefined'"))) {
            page.evaluate(AXE);
        }
        return (List<String>) page.evaluate("""
                async () => {
                  const r = await axe.run(document, { resultTypes: ['violations'] });
                  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
                }""");
    }

    static void accessible(Page page) {
        assertThat(violations(page)).as("axe-core on " + page.url()).isEmpty();
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(IMAGES.resolve("dashboard-" + name + ".png")).setFullPage(true));
    }

    /** The CSRF token of the page's forms (for a request the page itself would not offer). */
    static String csrf(Page page) {
        return page.locator("input[name=_csrf]").first().getAttribute("value");
    }

    private static String load() {
        try (InputStream in = ConsoleDriver.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
