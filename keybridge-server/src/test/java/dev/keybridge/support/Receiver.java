package dev.keybridge.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real webhook receiver on 127.0.0.1 (random port) that records every request and answers as its
 * {@link #answer(Function)} says (200 by default). Each delivery (a request with {@code webhook-id}) is checked
 * against the document's {@code webhooks} section; {@link #close} fails when one broke it. Close it at the end
 * of the test.
 */
public final class Receiver implements AutoCloseable {

    /**
     * One request as it arrived: lower-case header names, the body, its place in the order of arrival
     * (1 for the first request this receiver got), and what was answered.
     */
    public record Received(Map<String, List<String>> headers, String body, int arrival, int answered) {
        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.getFirst();
        }

        public String eventId() {
            return header("webhook-id");
        }

        public boolean succeeded() {
            return answered >= 200 && answered < 300;
        }
    }

    /** What to answer; {@code pause} runs before answering (e.g. waits on a latch). */
    public record Reply(int status, Map<String, String> headers, byte[] body, Runnable pause) {
        public static Reply status(int status) {
            return new Reply(status, Map.of(), new byte[0], null);
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, pause);
        }

        public Reply body(byte[] body) {
            return new Reply(status, headers, body, pause);
        }

        public Reply after(Runnable pause) {
            return new Reply(status, headers, body, pause);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger arrivals = new AtomicInteger();
    private final List<String> contractProblems = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> answer = r -> Reply.status(200);

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Sets how to answer; the function sees the request (answered = 0 in it). */
    public Receiver answer(Function<Received, Reply> answer) {
        this.answer = answer;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests that arrived, answered or not yet. */
    public int arrivals() {
        return arrivals.get();
    }

    public List<Received> receivedFor(String eventId) {
        return received.stream().filter(r -> eventId.equals(r.eventId())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int arrival = arrivals.incrementAndGet();
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
            Received request = new Received(headers, new String(body, StandardCharsets.UTF_8), arrival, 0);
            if (request.eventId() != null) {
                contractProblems.addAll(WebhookContract.problems(headers, request.body()));
            }
            Reply reply;
            try {
                reply = answer.apply(request);
            } catch (RuntimeException e) {
                reply = Reply.status(500);
            }
            if (reply.pause() != null) {
                reply.pause().run();
            }
            received.add(new Received(headers, request.body(), request.arrival(), reply.status()));
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (IOException e) {
            // the sender went away (timeout, huge body cut short): nothing to do
        }
    }

    /** How the deliveries received so far break the document's {@code webhooks} section ({@link WebhookContract}). */
    public List<String> contractProblems() {
        return List.copyOf(contractProblems);
    }

    /**
     * Stops the server; fails (an AssertionError) when a delivery it received broke the document's
     * {@code webhooks} section, so every test that receives real deliveries checks them.
     */
    @Override
    public void close() {
        server.stop(0);
        if (!contractProblems.isEmpty()) {
            throw new AssertionError("A webhook delivery breaks the webhooks section of docs/openapi.json:\n  "
                    + String.join("\n  ", contractProblems));
        }
    }
}
