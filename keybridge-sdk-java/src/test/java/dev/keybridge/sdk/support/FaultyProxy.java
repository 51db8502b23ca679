package dev.keybridge.sdk.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP proxy in front of the real server that injects faults, one per request, in the order
 * they were queued: answer 503 (or 429) without forwarding, forward and then lose the answer (the
 * server acted, the client sees a 503), or drop the connection. Requests with no fault queued pass
 * through. Every request it sees is recorded (method, path, Idempotency-Key).
 */
public final class FaultyProxy implements AutoCloseable {

    /** What to do with one request. */
    public enum Fault { ANSWER_503, ANSWER_429, FORWARD_THEN_503, DROP_CONNECTION }

    /** One request as the proxy saw it. */
    public record Seen(String method, String path, String idempotencyKey, int answered) {}

    private static final Set<String> SKIPPED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final HttpServer server;
    private final String target;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public FaultyProxy(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues faults for the next requests. */
    public FaultyProxy then(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String path = exchange.getRequestURI().getRawPath();
        Fault fault = faults.poll();
        try {
            if (fault == Fault.DROP_CONNECTION) {
                seen.add(new Seen(exchange.getRequestMethod(), path, key, -1));
                exchange.getResponseBody().close();
                exchange.close();
                return;
            }
            if (fault == Fault.ANSWER_503 || fault == Fault.ANSWER_429) {
                int status = fault == Fault.ANSWER_503 ? 503 : 429;
                seen.add(new Seen(exchange.getRequestMethod(), path, key, status));
                answer(exchange, status, Map.of("Retry-After", "0"), ("{\"success\":false,\"error\":\"injected\","
                        + "\"message\":\"injected by the test\",\"error_type\":\"internal\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpResponse<byte[]> upstream = forward(exchange, body);
            if (fault == Fault.FORWARD_THEN_503) {
                seen.add(new Seen(exchange.getRequestMethod(), path, key, 503));
                answer(exchange, 503, Map.of(), "lost".getBytes(StandardCharsets.UTF_8));
                return;
            }
            seen.add(new Seen(exchange.getRequestMethod(), path, key, upstream.statusCode()));
            exchange.getResponseHeaders().clear();
            upstream.headers().map().forEach((k, v) -> {
                if (!SKIPPED.contains(k.toLowerCase()) && !k.equalsIgnoreCase("transfer-encoding") && !k.startsWith(":")) {
                    exchange.getResponseHeaders().put(k, v);
                }
            });
            byte[] out = upstream.body();
            exchange.sendResponseHeaders(upstream.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()));
        exchange.getRequestHeaders().forEach((k, values) -> {
            if (!SKIPPED.contains(k.toLowerCase())) {
                values.forEach(v -> b.header(k, v));
            }
        });
        b.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
