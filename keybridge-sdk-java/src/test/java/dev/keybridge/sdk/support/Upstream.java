package dev.keybridge.sdk.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's API on loopback under the tests' control, added to the test server's catalog as the key-based
 * app {@value #SLUG} (operator catalog file): {@code /api/status/<code>} answers that status with a body in
 * Keybridge's own error shape and a forged {@code x-keybridge-error} header; {@code /api/revoked} answers the
 * 401 that the app's {@code auth_failure} rule reads as a revoked key. A second key-based app, {@value #SLOW_SLUG},
 * verifies keys with {@code GET /api/hold}, which answers only when the test lets it ({@link #hold()}): a request
 * that stays running inside Keybridge for as long as a test needs.
 */
public final class Upstream {

    /** The app's slug. */
    public static final String SLUG = "sdk-upstream";
    /** The slug of the app whose key check waits for {@link #hold()}'s release. */
    public static final String SLOW_SLUG = "sdk-slow";
    /** The body of every {@code /api/status/<code>} answer. */
    public static final String ERROR_BODY = "{\"success\":false,\"error\":\"upstream_says_no\","
            + "\"message\":\"The app refused.\",\"error_type\":\"authentication\"}";

    private static Upstream instance;

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Hold hold;

    private Upstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/status/", ex -> answer(ex,
                Integer.parseInt(ex.getRequestURI().getPath().substring("/api/status/".length())), ERROR_BODY));
        server.createContext("/api/revoked", ex -> answer(ex, 401, "{\"error\":\"token_revoked\"}"));
        server.createContext("/api/hold", ex -> {
            Hold h = hold;
            if (h != null) {
                h.arrived.countDown();
                try {
                    h.released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(ex, 200, "{\"ok\":true}");
        });
        server.start();
    }

    /** The running upstream (started on first use). */
    public static synchronized Upstream get() {
        if (instance == null) {
            try {
                instance = new Upstream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** Makes {@code GET /api/hold} wait until the returned hold is released (or closed). */
    public Hold hold() {
        Hold h = new Hold();
        hold = h;
        return h;
    }

    /** A held {@code /api/hold}: released by {@link #release()} or {@link #close()}. */
    public static final class Hold implements AutoCloseable {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until a request is held; false when none came within {@code timeout}. */
        public boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Lets the held request answer. */
        public void release() {
            released.countDown();
        }

        @Override
        public void close() {
            release();
        }
    }

    /** How many calls reached the upstream so far. */
    public int calls() {
        return calls.get();
    }

    /** The operator catalog file that adds {@value #SLUG}, written into {@code dir}. */
    Path catalogFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("sdk-catalog.yaml"), """
                apps:
                  - slug: %s
                    name: SDK Upstream
                    description: an app API under the SDK tests' control
                    auth_type: keybased
                    auth_input_map:
                      - {name: api_key, type: password, required: true}
                    api_base_url: "http://127.0.0.1:%d/api"
                    inject: {headers: {x-key: "{api_key}"}}
                    auth_failure: {status_codes: [401], body_patterns: ["token_revoked"]}
                  - slug: %s
                    name: SDK Slow
                    description: an app whose key check answers when the test lets it
                    auth_type: keybased
                    auth_input_map:
                      - {name: api_key, type: password, required: true}
                    api_base_url: "http://127.0.0.1:%d/api"
                    inject: {headers: {x-key: "{api_key}"}}
                    verification: {method: GET, path: /hold, success_status: [200]}
                """.formatted(SLUG, server.getAddress().getPort(), SLOW_SLUG, server.getAddress().getPort()));
    }

    private void answer(HttpExchange ex, int status, String body) throws IOException {
        calls.incrementAndGet();
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.getResponseHeaders().add("x-upstream", "yes");
            ex.getResponseHeaders().add("x-keybridge-error", "forged_by_upstream");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
