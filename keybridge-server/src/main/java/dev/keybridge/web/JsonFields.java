package dev.keybridge.web;

import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON request object strictly: unknown fields, wrong types and over-long strings become
 * a 400 that names the field.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * A whole request body (in a {@link JsonRequest}'s creator): text that cannot be stored is
     * refused first ({@link JsonBodyText}), then it must be an object with no fields other than {@code allowed}.
     */
    public static JsonFields body(JsonNode body, String... allowed) {
        if (body != null) {
            JsonBodyText.check(body);
        }
        return of(body, allowed);
    }

    /** Only the text check of {@link #body}, for a body whose allowed fields are known later. */
    public static JsonNode checkedText(JsonNode body) {
        if (body != null) {
            JsonBodyText.check(body);
        }
        return body;
    }

    /** The body must be an object holding no fields other than {@code allowed}. */
    public static JsonFields of(JsonNode body, String... allowed) {
        return at(body, "", allowed);
    }

    public static JsonFields at(JsonNode node, String path, String... allowed) {
        if (node == null || !node.isObject()) {
            throw Errors.invalid(path.isEmpty() ? "The request body must be a JSON object." : path + " must be an object.");
        }
        Set<String> known = Set.of(allowed);
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw Errors.invalid("Unknown field '" + qualified(path, name) + "'.");
            }
        }
        return new JsonFields(node, path);
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isNull(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    public String requiredString(String field, int maxLength) {
        String value = optionalString(field, maxLength);
        if (value == null || value.isBlank()) {
            throw Errors.invalid("'" + qualified(path, field) + "' is required and must be a non-empty string.");
        }
        return value;
    }

    /** The string, or null when absent or JSON null. */
    public @Nullable String optionalString(String field, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw Errors.invalid("'" + qualified(path, field) + "' must be a string.");
        }
        String s = v.asString();
        checkLength(qualified(path, field), s, maxLength);
        return s;
    }

    public <E> E requiredEnum(String field, Function<String, E> parse, String allowed) {
        String value = requiredString(field, 64);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw Errors.invalid("'" + qualified(path, field) + "' must be " + allowed + ".");
        }
    }

    public static void checkLength(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw Errors.invalid("'" + field + "' is longer than " + maxLength + " characters.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw Errors.invalid("'" + field + "' contains a control character.");
            }
        }
    }

    public static String qualified(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
