package dev.keybridge.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real headless Chromium (Debian's, through Playwright) plus the embedding app's own web server on
 * {@code localhost:<another port>}, so pages that load {@code link.js} run on another origin than
 * Keybridge ({@code 127.0.0.1:<port>}).
 */
public final class EmbeddingBrowser implements AutoCloseable {

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final HttpServer app;
    private final Playwright playwright;
    private Browser browser;
    private final AtomicInteger pages = new AtomicInteger();

    public EmbeddingBrowser() {
        try {
            app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        app.start();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = launch();
    }

    private Browser launch() {
        String executable = System.getenv().getOrDefault("KEYBRIDGE_CHROMIUM", "/usr/bin/chromium");
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(Path.of(executable)).setArgs(ARGS));
    }

    /** The browser, launched again when it is gone (support.HangWatchdog killed a hung one): a rerun gets a live one. */
    private Browser live() {
        if (!browser.isConnected()) {
            browser = launch();
        }
        return browser;
    }

    /**
     * Serves {@code html} as the embedding app's page (under a path of its own, and every path below
     * it, so one browser serves many tests) and returns its address.
     */
    public String serve(String html) {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        String path = "/page-" + pages.incrementAndGet() + "/";
        app.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("content-type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        return "http://localhost:" + app.getAddress().getPort() + path;
    }

    public Page newPage() {
        return live().newPage();
    }

    /** A page in a context of its own: viewport, locale, CSP bypass (to inject axe-core) as given. */
    public Page newPage(Browser.NewPageOptions options) {
        return live().newPage(options);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
        app.stop(0);
    }
}
