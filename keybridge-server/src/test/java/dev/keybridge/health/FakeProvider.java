package dev.keybridge.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small OAuth2 provider and API on loopback (random port), fully under the test's control: a token
 * endpoint with refresh-token rotation (an old refresh token is accepted again within a grace period,
 * as Okta and Auth0 allow, measured on the test server's clock), a way to make it fail or hold its
 * answer, a counter of token calls, and an API whose {@code /api/me} accepts only live access tokens
 * and whose {@code /api/echo} reflects the request.
 */
final class FakeProvider implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Object> PONG = Map.of("pong", true);

    private final HttpServer server;
    final AtomicInteger tokenCalls = new AtomicInteger();
    private final Set<String> liveAccess = ConcurrentHashMap.newKeySet();
    /** refresh token → the pair it was exchanged for (null while unused). */
    private final Map<String, Rotated> refresh = new ConcurrentHashMap<>();
    private final AtomicInteger serial = new AtomicInteger();
    private final Duration grace = Duration.ofSeconds(60);
    private volatile Clock clock;
    volatile int failWith = 0;
    /** Runs on each token call before anything else, with the refresh token presented (null if none). */
    volatile Consumer<String> beforeTokenAnswer = refreshToken -> { };
    /** Runs when a refresh token was exchanged for a new pair, before the pair is answered (it may hold the answer). */
    volatile Consumer<String> afterRotating = refreshToken -> { };
    volatile Consumer<String> onApiCall = token -> { };
    /** The {@code scope} a refresh answers with (null: none, as RFC 6749 allows when unchanged). */
    volatile String scope;
    /** When set, a refresh answers {@code refresh_token_expires_in}: the seconds left until then (a countdown). */
    volatile Instant refreshTokenDeadline;

    private record Rotated(String access, String refresh, Instant at) {}

    FakeProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/token", this::token);
        server.createContext("/api/", this::api);
        server.start();
    }

    /** The clock the reuse grace is measured on (the test server's, so moving it moves the grace too). */
    void clock(Clock clock) {
        this.clock = clock;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A fresh grant: access and refresh token, both live. */
    Map<String, String> grant() {
        int n = serial.incrementAndGet();
        String access = "fa_" + n + "_" + System.nanoTime();
        String rt = "fr_" + n + "_" + System.nanoTime();
        liveAccess.add(access);
        refresh.put(rt, new Rotated(null, null, null));
        Map<String, String> c = new LinkedHashMap<>();
        c.put("access_token", access);
        c.put("refresh_token", rt);
        c.put("token_type", "Bearer");
        return c;
    }

    /** Revokes one grant: its access token and refresh token stop working. */
    void revoke(Map<String, String> grant) {
        liveAccess.remove(grant.get("access_token"));
        refresh.remove(grant.get("refresh_token"));
    }

    void expireAccess(String accessToken) {
        liveAccess.remove(accessToken);
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokenCalls.incrementAndGet();
            String rt = form.get("refresh_token");
            beforeTokenAnswer.accept(rt);
            if (failWith != 0) {
                send(ex, failWith, Map.of("error", "temporarily_unavailable"));
                return;
            }
            Rotated previous = rt == null ? null : refresh.get(rt);
            if (!"refresh_token".equals(form.get("grant_type")) || previous == null
                    || previous.access() != null && previous.at().plus(grace).isBefore(clock.instant())) {
                send(ex, 400, Map.of("error", "invalid_grant"));
                return;
            }
            Rotated next;
            boolean minted = false;
            synchronized (this) {
                Rotated again = refresh.get(rt);
                if (again.access() != null) {
                    next = again;          // reused within the grace period: the same new pair
                } else {
                    int n = serial.incrementAndGet();
                    next = new Rotated("fa_" + n + "_" + System.nanoTime(), "fr_" + n + "_" + System.nanoTime(),
                            clock.instant());
                    refresh.put(rt, next);
                    refresh.put(next.refresh(), new Rotated(null, null, null));
                    liveAccess.add(next.access());
                    minted = true;
                }
            }
            if (minted) {
                afterRotating.accept(rt);
            }
            Map<String, Object> answer = new LinkedHashMap<>(Map.of("access_token", next.access(),
                    "refresh_token", next.refresh(), "token_type", "Bearer", "expires_in", 3600));
            if (scope != null) {
                answer.put("scope", scope);
            }
            Instant deadline = refreshTokenDeadline;
            if (deadline != null) {
                answer.put("refresh_token_expires_in", Duration.between(clock.instant(), deadline).toSeconds());
            }
            send(ex, 200, answer);
        }
    }

    private void api(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            onApiCall.accept(token);
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/api/ping")) {
                send(ex, 200, PONG);
                return;
            }
            if (path.equals("/api/me")) {
                if (token == null || !liveAccess.contains(token)) {
                    send(ex, 401, Map.of("error", "invalid_token"));
                    return;
                }
                send(ex, 200, Map.of("id", "fake-user"));
                return;
            }
            if (path.equals("/api/echo") || path.startsWith("/api/echo/")) {
                byte[] body = ex.getRequestBody().readAllBytes();
                Map<String, Object> headers = new LinkedHashMap<>();
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("method", ex.getRequestMethod());
                out.put("path", path);
                out.put("query", ex.getRequestURI().getRawQuery());
                out.put("headers", headers);
                out.put("body", new String(body, StandardCharsets.UTF_8));
                out.put("body_length", body.length);
                ex.getResponseHeaders().add("x-upstream", "yes");
                ex.getResponseHeaders().add("connection", "close, x-hop");
                ex.getResponseHeaders().add("x-hop", "must-not-pass");
                ex.getResponseHeaders().add("set-cookie", "upstream=1");
                send(ex, 201, out);
                return;
            }
            if (path.equals("/api/big")) {
                long size = Long.parseLong(form(ex.getRequestURI().getRawQuery()).get("bytes"));
                ex.getResponseHeaders().add("content-type", "application/octet-stream");
                ex.sendResponseHeaders(200, 0);     // chunked
                byte[] chunk = new byte[65536];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ('a' + i % 26);
                }
                try (OutputStream out = ex.getResponseBody()) {
                    for (long sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
                    }
                }
                return;
            }
            if (path.equals("/api/count")) {
                long n = 0;
                byte[] buf = new byte[65536];
                int r;
                var in = ex.getRequestBody();
                while ((r = in.read(buf)) >= 0) {
                    n += r;
                }
                send(ex, 200, Map.of("received", n));
                return;
            }
            send(ex, 404, Map.of("error", "no such path"));
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("content-type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> form(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
