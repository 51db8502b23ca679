package dev.keybridge.dashboard;

import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;

/** Base of the console's browser tests: one real Chromium per test class, the server's address, invitations. */
abstract class ConsoleBrowserTest extends IntegrationTest {

    protected static EmbeddingBrowser browser;

    @Autowired
    protected Invites invites;

    @BeforeAll
    static void startBrowser() {
        browser = new EmbeddingBrowser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }
}
