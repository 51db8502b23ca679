package dev.keybridge.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fuzzer's generator: for one operation of the OpenAPI document, a request with at least one
 * defect that must be refused whatever else it carries (a bad escape in the query or path, an
 * unparseable or wildcard content type, a body that is not a valid request, an Accept without JSON,
 * a wrong credential, or a malformed request line or header), plus random extra defects, with a
 * valid credential unless the credential is the defect, so the refusal happens as deep as it can.
 */
final class MalformedRequests {

    /** An operation of the served OpenAPI document. */
    record Operation(String method, String path, List<String> queryParams, boolean hasBody) {}

    /** Valid credentials and ids of the fuzzing organization. */
    record Known(String apiKey, String adminToken, String sessionToken, String accountId, String orgId) {}

    /** One generated request: its bytes and what was wrong with it. */
    record Case(Operation op, String defects, byte[] bytes) {}

    private static final String[] BAD_ESCAPES = {"%zz", "%", "%f", "%ff", "%00", "%C0%AF", "%ED%A0%80", "%F0%9F%98",
            "a%00b", "%E9t%E9", "%0a", "%7f", "%c3%28"};
    private static final String[] BAD_PATH_PARTS = {"%zz", "%", "%ff", "%00", "%2F", "%5C", "a%2Fb", "..", "%2e%2e",
            "%ED%A0%80", "%C0%AF", "%F0%9F%98", "a%00b", "%c3%28", "x%0Ay"};
    private static final String[] BAD_CONTENT_TYPES = {"*/*", "application/*", "garbage;;", "/", "application/json;charset",
            "*/json", "application/json; q"};
    private static final String[] BAD_ACCEPTS = {"text/html", "application/xml", "image/png", "application/json;q=0",
            ";;;", "text/*"};
    private static final String[] BAD_BODIES = {"{", "", "[]", "null", "\"text\"", "{\"unknown_field_zz\":1}",
            "{\"linked_account_id\":1}", "{\"a\":\"\\u0000\"}", "{\"linked_account_id\":\"\\ud800\"}",
            "{\"name\":\"\\udc00x\"}", "1e999999", "{\"linked_account_id\":\"fuzz/\u0000\"}", "{\"x\":}", "{'a':1}",
            "{\"linked_account_id\":\"fuzz/slash\"}", "{\"linked_account_id\":\"..\"}"};

    private final Known known;

    MalformedRequests(Known known) {
        this.known = known;
    }

    Case generate(Operation op, Random random) {
        List<String> defects = new ArrayList<>();
        String path = fillPath(op.path(), random, defects);
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = null;
        List<Runnable> options = new ArrayList<>();
        options.add(() -> {
            String bad = pick(random, BAD_ESCAPES);
            String name = op.queryParams().isEmpty() || random.nextBoolean() ? "q" + bad : op.queryParams().get(
                    random.nextInt(op.queryParams().size()));
            append(query, name + "=" + (name.startsWith("q") ? "1" : bad));
            defects.add("query escape " + bad);
        });
        options.add(() -> {
            String ct = pick(random, BAD_CONTENT_TYPES);
            headers.put("Content-Type", ct);
            defects.add("content-type " + ct);
        });
        options.add(() -> {
            String tail = pick(random, "/%zz", "/%00", "/%2F", "%00", "/..%2F..", "/%ED%A0%80");
            headers.put("X-Path-Tail", tail);
            defects.add("path tail " + tail);
        });
        if (op.hasBody()) {
            options.add(() -> defects.add("body"));
        }
        if (isJsonEndpoint(op)) {
            options.add(() -> {
                String accept = pick(random, BAD_ACCEPTS);
                headers.put("Accept", accept);
                defects.add("accept " + accept);
            });
        }
        if (isProtected(op)) {
            options.add(() -> defects.add("credential"));
        }
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            options.get(random.nextInt(options.size())).run();
        }
        String tail = headers.remove("X-Path-Tail");
        if (tail != null) {
            path = path + tail;
        }
        credentials(op, headers, defects.contains("credential"), random);
        if (defects.contains("body") || op.hasBody() && random.nextInt(3) == 0) {
            body = badBody(random);
            headers.putIfAbsent("Content-Type", "application/json");
            if (!defects.contains("body")) {
                defects.add("body");
            }
        } else if (op.hasBody()) {
            body = "{\"linked_account_id\":\"fuzz-valid-looking\"}".getBytes(StandardCharsets.UTF_8);
            headers.putIfAbsent("Content-Type", "application/json");
        }
        String target = path + (query.isEmpty() ? "" : "?" + query);
        return new Case(op, String.join(", ", defects), request(op.method(), target, headers, body));
    }

    /** A malformed request line or header section for {@code op}: refused by the container. */
    Case raw(Operation op, Random random) {
        String path = fillPath(op.path(), random, new ArrayList<>());
        String auth = "x-api-key: " + known.apiKey() + "\r\n";
        String[][] cases = {
                {"bad method token", "G@T " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"},
                {"space in target", op.method() + " " + path + " x HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"},
                {"unknown version", op.method() + " " + path + " HTTP/9.9\r\nHost: x\r\n" + auth + "\r\n"},
                {"no host", op.method() + " " + path + " HTTP/1.1\r\n" + auth + "\r\n"},
                {"two hosts", op.method() + " " + path + " HTTP/1.1\r\nHost: x\r\nHost: y\r\n" + auth + "\r\n"},
                {"control char in header", op.method() + " " + path + " HTTP/1.1\r\nHost: x\r\nx-api-key: "
                        + known.apiKey() + "\u0001\r\n\r\n"},
                {"space in header name", op.method() + " " + path + " HTTP/1.1\r\nHost: x\r\nx api key: 1\r\n" + auth + "\r\n"},
                {"folded header", op.method() + " " + path + " HTTP/1.1\r\nHost: x\r\nx-a: 1\r\n folded\r\n" + auth + "\r\n"},
                {"oversize header", op.method() + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "x-big: "
                        + "a".repeat(20_000) + "\r\n\r\n"},
                {"oversize request line", op.method() + " " + path + "?" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"},
                {"negative length", op.method() + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                        + "Content-Length: -1\r\n\r\n"},
                {"two lengths", op.method() + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                        + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"},
                {"length and chunked", op.method() + " " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                        + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}"},
                {"NUL in target", op.method() + " " + path + "\u0000 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"},
                {"absolute form elsewhere", op.method() + " http://evil.example" + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"},
                {"raw non-ASCII in target", op.method() + " " + path + "\u00e9\u00ff HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"},
                {"TLS hello", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003"},
                {"bad header name", op.method() + " " + path + " HTTP/1.1\r\nHost: x\r\n(x): 1\r\n" + auth + "\r\n"},
        };
        String[] chosen = cases[random.nextInt(cases.length)];
        return new Case(op, "raw: " + chosen[0], chosen[1].getBytes(StandardCharsets.ISO_8859_1));
    }

    private String fillPath(String template, Random random, List<String> defects) {
        String path = template.replace("/**", "/anything/" + Integer.toString(random.nextInt(1000)));
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            if (open < 0) {
                out.append(path.substring(i));
                break;
            }
            int close = path.indexOf('}', open);
            out.append(path, i, open);
            String name = path.substring(open + 1, close);
            if (random.nextInt(3) == 0) {
                String bad = pick(random, BAD_PATH_PARTS);
                out.append(bad);
                defects.add("path " + name + "=" + bad);
            } else {
                out.append(switch (name) {
                    case "linkedAccountId", "id" -> known.accountId();
                    case "orgId" -> known.orgId();
                    case "slug" -> "sandbox-ehr";
                    default -> "000000000000000000000000";
                });
            }
            i = close + 1;
        }
        return out.toString();
    }

    private void credentials(Operation op, Map<String, String> headers, boolean wrong, Random random) {
        String p = op.path();
        if (wrong) {
            switch (random.nextInt(4)) {
                case 0 -> headers.put("x-api-key", "kb_test_" + "Z".repeat(40));
                case 1 -> {
                    headers.put("client_id", "ci_test_nope");
                    headers.put("client_secret", "cs_test_" + "Q".repeat(40));
                }
                case 2 -> headers.put("authorization", "Bearer not-a-token.at-all");
                default -> {
                    // none at all
                }
            }
            return;
        }
        if (p.startsWith("/admin/")) {
            headers.put("authorization", "Bearer " + known.adminToken());
        } else if (p.startsWith("/api/v3/") || p.startsWith("/api/v2/f-sdk/")) {
            headers.put("authorization", "Bearer " + known.sessionToken());
        } else if (isProtected(op)) {
            headers.put("x-api-key", known.apiKey());
        }
    }

    private static boolean isProtected(Operation op) {
        String p = op.path();
        return p.startsWith("/api/") || p.startsWith("/admin/") || p.startsWith("/link/token/")
                || p.startsWith("/sandbox/public_token/") || p.startsWith("/sandbox/connection/") || p.startsWith("/v1/");
    }

    /** Endpoints that only ever answer JSON (not the proxy, not the sandbox's provider emulation). */
    private static boolean isJsonEndpoint(Operation op) {
        String p = op.path();
        return !p.startsWith("/v1/proxy/") && !p.startsWith("/sandbox/oauth/") && !p.startsWith("/sandbox/api/")
                && !p.equals("/error");
    }

    private static byte[] badBody(Random random) {
        int kind = random.nextInt(BAD_BODIES.length + 3);
        if (kind == BAD_BODIES.length) {
            return "[".repeat(5_000).getBytes(StandardCharsets.UTF_8);
        }
        if (kind == BAD_BODIES.length + 1) {
            return ("{\"linked_account_id\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        if (kind == BAD_BODIES.length + 2) {
            // invalid UTF-8 inside a JSON string
            return "{\"linked_account_id\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
        }
        return BAD_BODIES[kind].getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static void append(StringBuilder query, String part) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(part);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
