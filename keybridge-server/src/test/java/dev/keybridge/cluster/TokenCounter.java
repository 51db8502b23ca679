package dev.keybridge.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stands where the nodes' public address points ({@code KEYBRIDGE_PUBLIC_URL}), so every call a node
 * makes to the sandbox OAuth provider passes here on its way to the load balancer: it counts the
 * refresh-token grants (which refresh token, what the provider answered) and forwards everything.
 */
final class TokenCounter implements AutoCloseable {

    /** One refresh at the provider: the refresh token presented and the provider's status. */
    record Refresh(String refreshToken, int status) {}

    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "expect");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Refresh> refreshes = new CopyOnWriteArrayList<>();
    private volatile String target;

    TokenCounter() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void forwardTo(String target) {
        this.target = target;
    }

    List<Refresh> refreshes() {
        return List.copyOf(refreshes);
    }

    void reset() {
        refreshes.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((k, values) -> {
                if (!HOP.contains(k.toLowerCase())) {
                    values.forEach(v -> request.header(k, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/sandbox/oauth/token")) {
                Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
                if ("refresh_token".equals(form.get("grant_type"))) {
                    refreshes.add(new Refresh(form.get("refresh_token"), response.statusCode()));
                }
            }
            response.headers().map().forEach((k, values) -> {
                if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(k, v));
                }
            });
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> map = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
