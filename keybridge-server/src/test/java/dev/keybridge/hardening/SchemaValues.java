package dev.keybridge.hardening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * Values generated from JSON schemas of the OpenAPI document: {@link #valid} (types, enums, the one
 * pattern, formats, lengths, item counts, required and optional members; known ids by member name so
 * requests reach existing rows), {@link #boundary} (valid values at an edge: exactly the maximum or
 * minimum length or item count, null where nullable, emoji up to the length) and {@link #wrongType}.
 * Values are plain Java ({@code Map}, {@code List}, {@code String}, numbers, booleans, null) for Jackson.
 */
final class SchemaValues {

    private static final String[] ODD_STRINGS = {"", " ", "\u0000", "a\u0000b", "\u0001\u001f", "é", "日本語", "😀",
            "e\u0301", "\u202eevil", "'; drop table x; --", "<script>alert(1)</script>", "../../etc/passwd", "%00",
            "${jndi:x}", "\\", "/", "a/b", "null", "-1", "0", "1e309", "\ufeffbom", "\uffff", "x".repeat(300)};

    private final OpenApiOperations doc;
    private final BiFunction<String, Random, String> known;

    /** {@code known} gives an existing value for a member or parameter name (or null when it knows none). */
    SchemaValues(OpenApiOperations doc, BiFunction<String, Random, String> known) {
        this.doc = doc;
        this.known = known;
    }

    Object valid(JsonNode schema, String name, Random r, int depth) {
        JsonNode s = doc.resolve(schema);
        if (s.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            s.get("enum").forEach(values::add);
            return plain(values.get(r.nextInt(values.size())));
        }
        if (s.has("oneOf")) {
            return valid(s.get("oneOf").get(r.nextInt(s.get("oneOf").size())), name, r, depth);
        }
        List<String> types = types(s);
        if (types.contains("null") && r.nextInt(10) == 0) {
            return null;
        }
        List<String> concrete = types.stream().filter(t -> !t.equals("null")).toList();
        String type = concrete.isEmpty() ? "string" : concrete.get(r.nextInt(concrete.size()));
        return switch (type) {
            case "string" -> string(s, name, r);
            case "integer" -> (long) between(r, s.path("minimum").asLong(1), s.path("maximum").asLong(50));
            case "number" -> r.nextInt(1000) / 8.0;
            case "boolean" -> r.nextBoolean();
            case "array" -> array(s, name, r, depth);
            default -> object(s, name, r, depth);
        };
    }

    /** A valid value at an edge of {@code schema}'s limits. */
    Object boundary(JsonNode schema, String name, Random r) {
        JsonNode s = doc.resolve(schema);
        List<String> types = types(s);
        if (types.contains("null") && r.nextInt(3) == 0) {
            return null;
        }
        if (types.contains("string") && !s.has("enum") && !s.has("pattern") && !s.has("format")) {
            int max = s.path("maxLength").asInt(64);
            return switch (r.nextInt(4)) {
                case 0 -> "x".repeat(Math.max(1, s.path("minLength").asInt(1)));
                case 1 -> "😀".repeat(Math.max(1, max / 2));
                case 2 -> "é".repeat(max);
                default -> "b".repeat(max);
            };
        }
        if (types.contains("array")) {
            int count = r.nextBoolean() ? s.path("minItems").asInt(0) : s.path("maxItems").asInt(20);
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                items.add(valid(s.path("items"), name, r, 3));
            }
            return items;
        }
        if (types.contains("integer")) {
            return r.nextBoolean() ? s.path("minimum").asLong(0) : s.path("maximum").asLong(Integer.MAX_VALUE);
        }
        if (types.contains("object") && s.has("properties")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) object(s, name, r, 0);
            List<String> members = new ArrayList<>(s.get("properties").propertyNames());
            String member = members.get(r.nextInt(members.size()));
            body.put(member, boundary(s.get("properties").get(member), member, r));
            return body;
        }
        return valid(s, name, r, 0);
    }

    /** A value of another JSON type than {@code schema} allows. */
    Object wrongType(JsonNode schema, Random r) {
        List<String> types = types(doc.resolve(schema));
        List<Object> candidates = new ArrayList<>();
        if (!types.contains("string")) {
            candidates.add(pick(r, "text", "", "12"));
        }
        if (!types.contains("integer") && !types.contains("number")) {
            candidates.add(pick(r, 42, -1, 1.5e300, Long.MAX_VALUE));
        }
        if (!types.contains("boolean")) {
            candidates.add(r.nextBoolean());
        }
        if (!types.contains("array")) {
            candidates.add(List.of(1, "two"));
        }
        if (!types.contains("object")) {
            candidates.add(Map.of("k", "v"));
        }
        if (!types.contains("null") && !types.isEmpty()) {
            candidates.add(null);
        }
        return candidates.isEmpty() ? "x" : candidates.get(r.nextInt(candidates.size()));
    }

    /** An odd string: empty, NUL and control characters, emoji, combining marks, injection texts, 300 characters. */
    static String odd(Random r) {
        return ODD_STRINGS[r.nextInt(ODD_STRINGS.length)];
    }

    JsonNode resolve(JsonNode schema) {
        return doc.resolve(schema);
    }

    List<String> types(JsonNode s) {
        JsonNode type = s.path("type");
        List<String> types = new ArrayList<>();
        if (type.isString()) {
            types.add(type.asString());
        } else {
            type.forEach(t -> types.add(t.asString()));
        }
        if (types.isEmpty() && (s.has("properties") || s.has("additionalProperties"))) {
            types.add("object");
        }
        return types;
    }

    private String string(JsonNode s, String name, Random r) {
        String k = known.apply(name, r);
        if (k != null) {
            return k;
        }
        if (s.has("example") && r.nextBoolean()) {
            return s.get("example").asString();
        }
        String pattern = s.path("pattern").asString("");
        if (pattern.contains("#[0-9a-fA-F]{6}")) {
            return String.format("#%06x", r.nextInt(0x1000000));
        }
        switch (s.path("format").asString("")) {
            case "uri" -> {
                return "https://127.0.0.1:9/hook/" + r.nextInt(1000);
            }
            case "date-time" -> {
                return "2026-01-" + (10 + r.nextInt(18)) + "T12:00:00.000Z";
            }
            default -> { }
        }
        int min = Math.max(s.path("minLength").asInt(0), 1);
        int max = Math.min(s.path("maxLength").asInt(24), 24);
        int length = between(r, min, Math.max(min, max));
        StringBuilder out = new StringBuilder("fz");
        while (out.length() < length) {
            out.append((char) ('a' + r.nextInt(26)));
        }
        return out.substring(0, Math.max(min, Math.min(length, out.length())));
    }

    private List<Object> array(JsonNode s, String name, Random r, int depth) {
        int min = s.path("minItems").asInt(0);
        int count = depth > 3 ? min : between(r, min, Math.min(s.path("maxItems").asInt(3), Math.max(min, 3)));
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(valid(s.path("items"), name, r, depth + 1));
        }
        return items;
    }

    private Object object(JsonNode s, String name, Random r, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        s.path("required").forEach(n -> required.add(n.asString()));
        for (var p : s.path("properties").properties()) {
            if (required.contains(p.getKey()) || depth < 4 && r.nextBoolean()) {
                out.put(p.getKey(), valid(p.getValue(), p.getKey(), r, depth + 1));
            }
        }
        JsonNode extra = s.path("additionalProperties");
        if (extra.isObject() && depth < 4) {
            for (int i = r.nextInt(3); i > 0; i--) {
                String key = known.apply(name + ".key", r);
                key = key == null ? "k" + r.nextInt(20) : key;
                out.put(key, valid(extra, key, r, depth + 1));
            }
        }
        return out;
    }

    static Object plain(JsonNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.numberValue();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asString();
    }

    private static int between(Random r, long min, long max) {
        long lo = Math.max(min, -1_000_000);
        long hi = Math.min(max, 1_000_000);
        return (int) (hi <= lo ? lo : lo + r.nextInt((int) (hi - lo + 1)));
    }

    @SafeVarargs
    static <T> T pick(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }
}
