package dev.keybridge.web;

import dev.keybridge.config.KeybridgeSettings;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON request object strictly: unknown fields, wrong types and over-long strings become
 * a 400 that names the field. Read against a request record ({@link #body(JsonNode, Class)}), the allowed
 * fields are the record's members and each string's longest length is the one its member declares
 * ({@code @Size(max = …)}, or {@link MaxLengthSetting} for a runtime setting), the same declaration the
 * OpenAPI schema is made from; the forms taking a length are for JSON that no record describes.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final @Nullable RecordShape shape;
    private final KeybridgeSettings.@Nullable Limits limits;

    private JsonFields(JsonNode node, String path, @Nullable RecordShape shape, KeybridgeSettings.@Nullable Limits limits) {
        this.node = node;
        this.path = path;
        this.shape = shape;
        this.limits = limits;
    }

    /** A whole request body read against its record: the text check of {@link #body(JsonNode, String...)}, its members only. */
    public static JsonFields body(JsonNode body, Class<? extends Record> record) {
        return body(body, record, null);
    }

    /** The same, with the limits for members whose length is a setting ({@link MaxLengthSetting}). */
    public static JsonFields body(JsonNode body, Class<? extends Record> record, KeybridgeSettings.@Nullable Limits limits) {
        if (body != null) {
            JsonBodyText.check(body);
        }
        return at(body, "", record, limits);
    }

    /** A nested object ({@code path}) read against its record. */
    public static JsonFields at(JsonNode node, String path, Class<? extends Record> record,
                                KeybridgeSettings.@Nullable Limits limits) {
        RecordShape shape = RecordShape.of(record);
        if (shape.needsSettings() && limits == null) {
            throw new IllegalStateException(shape.typeName() + " has members limited by settings: pass the limits");
        }
        return new JsonFields(at(node, path, shape.names()).node, path, shape, limits);
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
        return new JsonFields(node, path, null, null);
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

    /** A non-blank string no longer than its member declares. */
    public String requiredString(String field) {
        return required(field, optionalString(field));
    }

    /** The string (no longer than its member declares), or null when absent or JSON null. */
    public @Nullable String optionalString(String field) {
        return string(field, declaredMaxLength(field));
    }

    /** The {@code @Size} of a member (an array's bounds, say). */
    public Size size(String field) {
        Size size = declared().member(field).size();
        if (size == null) {
            throw new IllegalStateException(declared().typeName() + "." + field + " declares no @Size");
        }
        return size;
    }

    /** The {@code @Pattern} of a member, compiled. */
    public Pattern pattern(String field) {
        Pattern pattern = declared().member(field).pattern();
        if (pattern == null) {
            throw new IllegalStateException(declared().typeName() + "." + field + " declares no @Pattern");
        }
        return pattern;
    }

    public String requiredString(String field, int maxLength) {
        return required(field, optionalString(field, maxLength));
    }

    private String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw Errors.invalid("'" + qualified(path, field) + "' is required and must be a non-empty string.");
        }
        return value;
    }

    /** The string, or null when absent or JSON null; for a member whose record declares no limit. */
    public @Nullable String optionalString(String field, int maxLength) {
        if (shape != null && shape.declaresLength(field)) {
            throw new IllegalStateException(shape.typeName() + "." + field + " declares its limit: read it with optionalString(field)");
        }
        return string(field, maxLength);
    }

    private int declaredMaxLength(String field) {
        RecordShape.Member m = declared().member(field);
        if (m.setting() != null) {
            return m.setting().value().of(Objects.requireNonNull(limits, "checked when the fields were read"));
        }
        if (m.size() == null || m.size().max() == Integer.MAX_VALUE) {
            throw new IllegalStateException(declared().typeName() + "." + field + " declares no @Size(max) or @MaxLengthSetting");
        }
        return m.size().max();
    }

    private RecordShape declared() {
        if (shape == null) {
            throw new IllegalStateException("Read against a record (JsonFields.body(body, Record.class)) to use its declarations");
        }
        return shape;
    }

    private @Nullable String string(String field, int maxLength) {
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
