package dev.keybridge.sdk.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A webhook receiver on a free local port: answers 200 and keeps every request (headers, raw body). */
public final class Receiver implements AutoCloseable {

    /** One request received: its headers and its body exactly as received ({@link #body()} is it as UTF-8 text). */
    public record Received(Map<String, List<String>> headers, byte[] raw) {

        /** The body as UTF-8 text. */
        public String body() {
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits (polling, up to {@code timeout}) for a request that matches; fails the test if none comes. */
    public Received await(Predicate<Received> match, Duration timeout) {
        return Awaitility.await("a matching webhook").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> received.stream().filter(match).findFirst().orElse(null), Objects::nonNull);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
