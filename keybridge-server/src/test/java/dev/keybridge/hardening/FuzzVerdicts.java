package dev.keybridge.hardening;

import dev.keybridge.hardening.OpenApiOperations.Op;
import dev.keybridge.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI fuzzer's judge: takes every answer and collects, grouped by operation, what is wrong
 * with it: a 5xx or no HTTP answer at all, a 4xx of Keybridge's own that is not in the wire error
 * shape (wire-formats §5: JSON with {@code success: false}, {@code error}, {@code message}, an
 * {@code error_type} of the families, a {@code request_id} equal to {@code x-request-id}, and the
 * {@code x-keybridge-error} marker naming the error), and a status the document does not declare
 * for the operation. The proxy's 4xx without the marker are the upstream's own answers and are not
 * judged on shape; a HEAD answer has no body, so only its headers are.
 */
final class FuzzVerdicts {

    /** What can be wrong with an answer; the last one only fails a strict run. */
    enum Kind { SERVER_ERROR, NO_ANSWER, ERROR_SHAPE, UNDECLARED_STATUS }

    private static final int EXAMPLES_PER_OPERATION = 3;

    private final Map<Kind, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> examples = new ConcurrentSkipListMap<>();
    private final Map<String, Set<Integer>> undeclared = new ConcurrentSkipListMap<>();
    private final Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentSkipListMap<>();

    void judge(OpenApiRequests.Case c, RawHttp.Answer a) {
        Op op = c.op();
        statuses.computeIfAbsent(op.key(), k -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(a.status(), k -> new AtomicInteger()).incrementAndGet();
        if (a.status() == 0) {
            record(Kind.NO_ANSWER, c, a, "no HTTP answer");
            return;
        }
        if (a.status() >= 500) {
            record(Kind.SERVER_ERROR, c, a, "5xx");
        } else if (a.status() >= 400) {
            String problem = shapeProblem(op, a);
            if (problem != null) {
                record(Kind.ERROR_SHAPE, c, a, problem);
            }
        }
        boolean upstream = op.isProxy() && a.header("x-keybridge-error") == null && a.status() < 500;
        if (!op.declared().contains(a.status()) && !upstream) { // the proxy forwards any status of the upstream
            undeclared.computeIfAbsent(op.key(), k -> new ConcurrentSkipListSet<>()).add(a.status());
            record(Kind.UNDECLARED_STATUS, c, a, "status " + a.status() + " not declared " + op.declared());
        }
    }

    int count(Kind kind) {
        return counts.getOrDefault(kind, new AtomicInteger()).get();
    }

    /** True when a request failed the fuzz: a 5xx, no answer, a broken error shape (and, when strict, an undeclared status). */
    boolean failed(boolean strictStatuses) {
        return count(Kind.SERVER_ERROR) + count(Kind.NO_ANSWER) + count(Kind.ERROR_SHAPE) > 0
                || strictStatuses && count(Kind.UNDECLARED_STATUS) > 0;
    }

    /** Operation → statuses it answered that the document does not declare. */
    Map<String, Set<Integer>> undeclared() {
        Map<String, Set<Integer>> out = new TreeMap<>();
        undeclared.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
        return out;
    }

    /** Operation → status → how many answers. */
    Map<String, Map<Integer, Integer>> statuses() {
        Map<String, Map<Integer, Integer>> out = new TreeMap<>();
        statuses.forEach((op, m) -> {
            Map<Integer, Integer> counted = new TreeMap<>();
            m.forEach((s, n) -> counted.put(s, n.get()));
            out.put(op, counted);
        });
        return out;
    }

    /** Everything found, grouped by operation, with the seed and how to replay one request. */
    String report(long seed, int requests) {
        StringBuilder out = new StringBuilder(String.format(
                "OpenAPI fuzz: seed %d, %d requests: 5xx=%d no-answer=%d error-shape=%d undeclared-status=%d%n"
                        + "replay: -Dkeybridge.fuzz.seed=%d -Dkeybridge.fuzz.requests=%d (one request: -Dkeybridge.fuzz.only=<#>)%n",
                seed, requests, count(Kind.SERVER_ERROR), count(Kind.NO_ANSWER), count(Kind.ERROR_SHAPE),
                count(Kind.UNDECLARED_STATUS), seed, requests));
        undeclared().forEach((op, s) -> out.append("  undeclared ").append(op).append(" -> ").append(s).append('\n'));
        examples.forEach((op, list) -> {
            out.append(op).append('\n');
            list.forEach(e -> out.append("  ").append(e).append('\n'));
        });
        return out.toString();
    }

    /** Null when {@code a} (a 4xx) is in the wire error shape or is not Keybridge's own, else what is wrong. */
    static String shapeProblem(Op op, RawHttp.Answer a) {
        String marker = a.header("x-keybridge-error");
        if (op.isProxy() && marker == null) {
            return null; // the upstream's own answer, forwarded
        }
        String requestId = a.header("x-request-id");
        if (requestId == null || requestId.isEmpty() || marker == null || marker.isEmpty()) {
            return "no x-request-id or x-keybridge-error header";
        }
        if (op.method().equals("HEAD")) {
            return null;
        }
        String type = a.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return "content-type " + type;
        }
        JsonNode body;
        try {
            body = Api.JSON.readTree(a.body());
        } catch (RuntimeException e) {
            return "body not JSON";
        }
        boolean shaped = body.isObject() && body.path("success").isBoolean() && !body.path("success").asBoolean()
                && body.path("error").isString() && !body.path("error").asString().isEmpty()
                && body.path("message").isString() && !body.path("message").asString().isBlank()
                && ErrorShape.ERROR_TYPES.contains(body.path("error_type").asString(""));
        if (!shaped) {
            return "not the error shape";
        }
        if (!requestId.equals(body.path("request_id").asString(""))) {
            return "request_id is not the x-request-id header";
        }
        return marker.equals(body.path("error").asString()) ? null : "x-keybridge-error is not the error";
    }

    private void record(Kind kind, OpenApiRequests.Case c, RawHttp.Answer a, String problem) {
        counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        List<String> list = examples.computeIfAbsent(c.op().key() + " " + kind, k -> new ArrayList<>());
        synchronized (list) {
            if (list.size() < EXAMPLES_PER_OPERATION) {
                list.add("#" + c.index() + " [" + c.what() + "] -> " + a.status() + " " + problem + ": "
                        + flat(a.body(), 200) + "\n    sent: " + flat(new String(c.bytes(), StandardCharsets.ISO_8859_1), 400));
            }
        }
    }

    private static String flat(String s, int max) {
        String f = s.replace("\r\n", "\\r\\n").replace("\n", "\\n");
        return f.length() > max ? f.substring(0, max) + "…" : f;
    }
}
