package dev.keybridge.hardening;

import dev.keybridge.hardening.OpenApiOperations.Op;
import dev.keybridge.hardening.OpenApiOperations.Param;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.node.MissingNode;

/**
 * The OpenAPI fuzzer's generator: for one operation, a request made from the document's schemas,
 * either valid (real credentials of the fuzzing organization, known ids so paths and bodies meet
 * existing rows), valid with a boundary value, or with one or two defects (credentials, path ids
 * with odd characters, query parameters, headers, the Idempotency-Key, a body member, the body text,
 * the content type). The same index and seed give the same bytes.
 */
final class OpenApiRequests {

    /** The fuzzing organization's credentials and the known values by (normalized) member name. */
    record Known(String apiKey, String clientId, String clientSecret, String liveApiKey, String adminToken,
                 String sessionToken, Map<String, List<String>> pools) {

        String pick(String name, Random r) {
            List<String> pool = pools.get(name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
            return pool == null || pool.isEmpty() || r.nextInt(5) == 0 ? null : pool.get(r.nextInt(pool.size()));
        }
    }

    /** One request: its index (replay it with {@code -Dkeybridge.fuzz.only}), what it is, its bytes. */
    record Case(int index, Op op, String what, byte[] bytes) {}

    private static final String[] ODD_PATH = {"%zz", "%", "%00", "%2F", "a%2Fb", "%5C", "..", "%2e%2e", "%ED%A0%80",
            "%C0%AF", "%F0%9F%98%80", "%c3%28", "x%0Ay", ";x", "a;b=c", "%20", "+", "~", "%3F", "%23"};
    private static final String[] BAD_KEYS = {"", " ", "a b", "x".repeat(256), "\u00e9t\u00e9", "\t", "key\u0001"};

    private final Known known;
    private final SchemaValues values;

    OpenApiRequests(OpenApiOperations doc, Known known) {
        this.known = known;
        this.values = new SchemaValues(doc, known::pick);
    }

    Case generate(int index, Op op, Random r) {
        int roll = r.nextInt(100);
        String mode = roll < 35 ? "valid" : roll < 50 ? "boundary" : "invalid";
        List<String> defects = new ArrayList<>();
        if (mode.equals("invalid")) {
            List<String> applicable = applicable(op);
            for (int i = 1 + r.nextInt(4) / 3; i > 0; i--) {
                defects.add(applicable.get(r.nextInt(applicable.size())));
            }
        }
        if (op.path().startsWith("/admin/v1/vault/") && !defects.contains("credential")) {
            defects.add("credential"); // a real rotation re-encrypts every row of the shared database
        }
        List<String> what = new ArrayList<>(List.of(mode));
        String path = path(op, r, defects.contains("path"), what);
        String query = query(op, r, defects.contains("query"), mode.equals("boundary"), what);
        Map<String, String> headers = new LinkedHashMap<>();
        credentials(op, headers, defects.contains("credential"), r, what);
        headers(op, headers, defects.contains("header"), defects.contains("idempotency"), r, what);
        byte[] body = null;
        if (op.hasBody() || defects.contains("unexpected body")) {
            BodyDefects.Body b = body(op, mode, defects, r);
            what.add(b.what());
            body = b.bytes();
            headers.put("Content-Type", defects.contains("content type") ? BodyDefects.contentType(r) : "application/json");
        }
        if (defects.contains("content type")) {
            what.add("content-type " + headers.get("Content-Type"));
        }
        return new Case(index, op, String.join(", ", what), request(op.method(), path + query, headers, body));
    }

    private List<String> applicable(Op op) {
        List<String> kinds = new ArrayList<>(List.of("query"));
        if (!op.security().isEmpty()) {
            kinds.add("credential");
        }
        if (!op.params("path").isEmpty()) {
            kinds.addAll(List.of("path", "path"));
        }
        if (!op.params("header").isEmpty() || op.isProxy()) {
            kinds.add("header");
        }
        if (op.params("header").stream().anyMatch(p -> p.name().equals("Idempotency-Key"))) {
            kinds.add("idempotency");
        }
        if (op.hasBody()) {
            kinds.addAll(List.of("member", "member", "member", "body text", "content type"));
        } else if (!op.method().equals("GET") && !op.method().equals("HEAD")) {
            kinds.add("unexpected body");
        }
        return kinds;
    }

    private String path(Op op, Random r, boolean odd, List<String> what) {
        String template = op.path().replace("/**", "/" + SchemaValues.pick(r, "me", "ping", "anything/1", "a/b/c",
                "me%3Fx=1", "" + r.nextInt(100)));
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', i)) {
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            out.append(template, i, open);
            if (odd && r.nextBoolean()) {
                String bad = r.nextBoolean() ? SchemaValues.pick(r, ODD_PATH) : encode(SchemaValues.odd(r));
                out.append(bad);
                what.add("path " + name + "=" + bad);
            } else {
                String value = known.pick(name, r);
                out.append(encode(value == null ? "fz" + Integer.toString(r.nextInt(1 << 20), 36) : value));
            }
            i = close + 1;
        }
        return out.append(template.substring(i)).toString();
    }

    private String query(Op op, Random r, boolean bad, boolean boundary, List<String> what) {
        List<String> parts = new ArrayList<>();
        for (Param p : op.params("query")) {
            if (!p.required() && r.nextInt(5) < 3) {
                continue;
            }
            boolean integer = values.types(p.schema()).contains("integer");
            Object value = boundary && integer ? SchemaValues.pick(r, 0, -1, 1, 1000, Integer.MAX_VALUE)
                    : values.valid(p.schema(), p.name(), r, 0);
            parts.add(p.name() + "=" + encode(String.valueOf(value)));
        }
        if (bad) {
            List<Param> declared = op.params("query");
            String defect = switch (declared.isEmpty() ? 3 + r.nextInt(3) : r.nextInt(6)) {
                case 0 -> declared.get(r.nextInt(declared.size())).name() + "=" + SchemaValues.pick(r, "abc", "1.5", "",
                        "99999999999999999999", "-2147483649", "%zz", "%00", "0x10", "1e3", "+5", "%20%201");
                case 1 -> declared.get(r.nextInt(declared.size())).name() + "=" + encode(SchemaValues.odd(r));
                case 2 -> {
                    String name = declared.get(r.nextInt(declared.size())).name();
                    parts.removeIf(q -> q.startsWith(name + "="));
                    yield name + "=1&" + name + "=2";
                }
                case 3 -> SchemaValues.pick(r, "zz_unknown=1", "%zz=1", "=1", "a", "&&", "limit[]=1", "%00=%00");
                case 4 -> "x=" + "y".repeat(10_000);
                default -> {
                    parts.clear();
                    yield "q=" + SchemaValues.pick(r, "%", "%f", "%ED%A0%80", "%c3%28", "a%00b");
                }
            };
            parts.add(defect);
            what.add("query " + abbreviate(defect));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private void credentials(Op op, Map<String, String> headers, boolean wrong, Random r, List<String> what) {
        if (wrong) {
            String kind = SchemaValues.pick(r, "none", "unknown key", "unknown client", "bad bearer", "empty bearer",
                    "basic", "session on server call", "key on admin call", "admin on server call", "key prefix only", "odd key", "odd client", "odd bearer");
            switch (kind) {
                case "unknown key" -> headers.put("x-api-key", "kb_test_" + "Z".repeat(40));
                case "unknown client" -> {
                    headers.put("client_id", known.clientId());
                    headers.put("client_secret", "cs_test_" + "Q".repeat(40));
                }
                case "bad bearer" -> headers.put("authorization", "Bearer not-a-token.at-all");
                case "empty bearer" -> headers.put("authorization", "Bearer ");
                case "basic" -> headers.put("authorization", "Basic YTpi");
                case "session on server call", "key on admin call" -> headers.put("authorization", "Bearer " + known.sessionToken());
                case "admin on server call" -> headers.put("authorization", op.path().startsWith("/admin/")
                        ? "Bearer " + known.sessionToken() : "Bearer " + known.adminToken());
                case "key prefix only" -> headers.put("x-api-key", "kb_test_");
                case "odd key" -> headers.put("x-api-key", latin1("kb_test_" + SchemaValues.odd(r)));
                case "odd client" -> {
                    headers.put("client_id", latin1(SchemaValues.odd(r)));
                    headers.put("client_secret", latin1(SchemaValues.odd(r)));
                }
                case "odd bearer" -> headers.put("authorization", latin1("Bearer " + SchemaValues.odd(r)));
                default -> { }
            }
            what.add("credential " + kind);
            return;
        }
        if (op.security().contains("adminToken")) {
            headers.put("authorization", "Bearer " + known.adminToken());
        } else if (op.security().contains("sessionToken")) {
            headers.put("authorization", "Bearer " + known.sessionToken());
        } else if (op.security().contains("apiKey")) {
            switch (r.nextInt(10)) {
                case 0 -> headers.put("x-api-key", known.liveApiKey());
                case 1, 2, 3 -> {
                    headers.put("client_id", known.clientId());
                    headers.put("client_secret", known.clientSecret());
                }
                default -> headers.put("x-api-key", known.apiKey());
            }
        }
    }

    private void headers(Op op, Map<String, String> headers, boolean bad, boolean badKey, Random r, List<String> what) {
        List<Param> declared = new ArrayList<>(op.params("header"));
        if (op.isProxy()) {
            declared.add(new Param("header", "access_token", false, MissingNode.getInstance()));
        }
        for (Param p : declared) {
            if (p.name().equals("Idempotency-Key")) {
                if (badKey) {
                    String key = SchemaValues.pick(r, BAD_KEYS);
                    headers.put(p.name(), latin1(key));
                    what.add("idempotency-key '" + abbreviate(key) + "'");
                } else if (r.nextBoolean()) {
                    headers.put(p.name(), "fz-" + Long.toHexString(r.nextLong()));
                }
            } else if (bad && r.nextBoolean()) {
                String value = SchemaValues.odd(r);
                headers.put(p.name(), latin1(value));
                what.add("header " + p.name() + "='" + abbreviate(value) + "'");
            } else if (p.required() || op.isProxy() || r.nextBoolean()) {
                String value = known.pick(p.name(), r);
                headers.put(p.name(), value == null ? "fz" + r.nextInt(1000) : value);
            }
        }
    }

    private BodyDefects.Body body(Op op, String mode, List<String> defects, Random r) {
        if (defects.contains("body text") || defects.contains("unexpected body")) {
            return BodyDefects.text(r);
        }
        Object valid = switch (op.bodySchemaName()) {
            case "ConfigSchemaPut" -> configSchema(r);
            case "KeyFields" -> Map.of("api_key", SchemaValues.pick(r, "key_good", "key_bad", SchemaValues.odd(r)));
            default -> mode.equals("boundary") ? values.boundary(op.body(), "", r) : values.valid(op.body(), "", r, 0);
        };
        if (defects.contains("member") && valid instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return BodyDefects.member(values, op.body(), object, r);
        }
        return BodyDefects.Body.json(mode + " body", valid);
    }

    /** A config schema with each field type, a label-driven select and a workflow (as UserConfigTest's). */
    private static Map<String, Object> configSchema(Random r) {
        List<Object> fields = new ArrayList<>(List.of(
                Map.of("id", "region", "name", "Region", "type", "select", "required", true, "default", "eu",
                        "options", List.of(Map.of("name", "Europe", "value", "eu"), Map.of("name", "US", "value", "us"))),
                Map.of("id", "limit", "name", "Daily limit", "type", "number", "required", r.nextBoolean()),
                Map.of("id", "note", "name", "Note", "type", "text"),
                Map.of("id", "notify", "name", "Notify", "type", "boolean", "default", false),
                Map.of("id", "channel", "name", "Channel", "type", "select", "label_driven", true),
                Map.of("id", "tags", "name", "Tags", "type", "multiselect",
                        "options", List.of(Map.of("name", "A", "value", "a"), Map.of("name", "B", "value", "b")))));
        return Map.of("fields", fields.subList(0, 1 + r.nextInt(fields.size())), "workflows", List.of(Map.of("id", "sync",
                "name", "Sync", "description", "Nightly", "fields", List.of(Map.of("id", "folder", "name", "Folder",
                        "type", "text", "required", true)))));
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** {@code value}'s UTF-8 bytes as a header value (no CR or LF, which would end the header). */
    private static String latin1(String value) {
        return new String(value.replace('\r', ' ').replace('\n', ' ').getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + ")" : s;
    }

    private static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
