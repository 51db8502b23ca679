package dev.keybridge.hardening;

import dev.keybridge.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * Invalid request bodies for the OpenAPI fuzzer: one member made wrong against the body's schema
 * ({@link #member}: missing when required, unknown, wrong type, one over the maximum length or item
 * count, under the minimum, outside the enum or the pattern, a bad format, an odd string) or a body
 * that is not a valid JSON text for the request at all ({@link #text}), or a wrong content type.
 */
final class BodyDefects {

    /** A body with what is wrong with it. */
    record Body(String what, byte[] bytes) {
        static Body json(String what, Object value) {
            return new Body(what, Api.JSON.writeValueAsBytes(value));
        }
    }

    private static final String[] TEXTS = {"", "{", "not json", "[]", "null", "\"text\"", "42", "true", "{\"a\":}",
            "{'a':1}", "{} {}", "/*c*/{}", "{\"a\":1,}", "\ufeff{}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00x\"}",
            "{\"a\":1e999999}", "{\"a\":\"\\u0000\"}", "{\"a\":-0}", "{\"a\":0x10}", "{\"a\":NaN}", "\u0000"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/x-www-form-urlencoded", "application/xml",
            "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/json; charset=utf-16",
            "application/merge-patch+json", "*/*", "application/*", "garbage;;", "application/json;charset", "", "text/json"};

    private BodyDefects() {}

    /** {@code valid} (an object for {@code schema}) with one member made wrong. */
    static Body member(SchemaValues values, JsonNode schema, Map<String, Object> valid, Random r) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        JsonNode props = schema.path("properties");
        List<String> names = new ArrayList<>(props.propertyNames());
        if (names.isEmpty()) {
            return untyped(body, r);
        }
        String name = names.get(r.nextInt(names.size()));
        JsonNode p = values.resolve(props.get(name));
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(n -> required.add(n.asString()));
        List<String> kinds = new ArrayList<>(List.of("unknown", "wrong type", "odd string", "nested"));
        if (!required.isEmpty()) {
            kinds.add("missing required");
        }
        if (p.has("maxLength")) {
            kinds.add("too long");
        }
        if (p.path("minLength").asInt(0) > 0) {
            kinds.add("too short");
        }
        if (p.has("enum") || p.has("pattern") || p.has("format")) {
            kinds.add("not matching");
        }
        if (p.has("maxItems") || p.path("minItems").asInt(0) > 0) {
            kinds.add("item count");
        }
        String kind = kinds.get(r.nextInt(kinds.size()));
        switch (kind) {
            case "missing required" -> {
                name = required.get(r.nextInt(required.size()));
                body.remove(name);
            }
            case "unknown" -> {
                name = SchemaValues.pick(r, "unknown_field", "Linked_Account_Id", "__proto__", "", "slug ", "id");
                body.put(name, SchemaValues.pick(r, 1, "x", true));
            }
            case "wrong type" -> body.put(name, values.wrongType(p, r));
            case "odd string" -> body.put(name, SchemaValues.odd(r));
            case "too long" -> body.put(name, "x".repeat(p.get("maxLength").asInt() + 1 + r.nextInt(3) * 1000));
            case "too short" -> body.put(name, "");
            case "not matching" -> body.put(name, SchemaValues.pick(r, "not-in-enum", "red", "not a uri", "yesterday",
                    "2026-13-45T99:99:99Z", "javascript:alert(1)", "ftp://x", "http://", "TEST", "#GGGGGG"));
            case "item count" -> body.put(name, Collections.nCopies(
                    p.has("maxItems") && r.nextBoolean() ? p.get("maxItems").asInt() + 1 : 0, "item"));
            default -> body.put(name, nested(r));
        }
        return Body.json(kind + " " + name, body);
    }

    /** A body that is not a JSON object of the request (bad syntax, another type, too deep, too big, bad UTF-8). */
    static Body text(Random r) {
        int kind = r.nextInt(TEXTS.length + 4);
        if (kind < TEXTS.length) {
            return new Body("text " + TEXTS[kind], TEXTS[kind].getBytes(StandardCharsets.UTF_8));
        }
        return switch (kind - TEXTS.length) {
            case 0 -> new Body("nested 5000", "[".repeat(5_000).getBytes(StandardCharsets.UTF_8));
            case 1 -> new Body("300 kB", ("{\"linked_account_id\":\"" + "x".repeat(300_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            case 2 -> new Body("bad UTF-8", "{\"linked_account_id\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1));
            default -> new Body("200 members", Api.JSON.writeValueAsBytes(manyMembers()));
        };
    }

    static String contentType(Random r) {
        return CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)];
    }

    private static Body untyped(Map<String, Object> body, Random r) {
        switch (r.nextInt(5)) {
            case 0 -> body.put("", "empty key");
            case 1 -> body.put("k", nested(r));
            case 2 -> body.putAll(manyMembers());
            case 3 -> body.put(SchemaValues.odd(r), SchemaValues.odd(r));
            default -> body.put("fields", SchemaValues.pick(r, List.of(Map.of("id", 1)), "x", List.of(Map.of())));
        }
        return Body.json("untyped member", body);
    }

    private static Object nested(Random r) {
        return SchemaValues.pick(r, Map.of("a", List.of(Map.of("b", List.of()))), List.of(List.of(List.of())),
                List.of(Map.of("id", 7, "enabled", "yes", "fields", List.of())), Map.of("", Map.of()),
                List.of(Map.of("name", 1, "value", Map.of())));
    }

    private static Map<String, Object> manyMembers() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            many.put("m" + i, i);
        }
        return many;
    }
}
