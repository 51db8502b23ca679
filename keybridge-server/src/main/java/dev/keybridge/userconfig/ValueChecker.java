package dev.keybridge.userconfig;

import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Whether a value fits a field of the schema: its type and, for select fields, its options. */
final class ValueChecker {

    static final int MAX_TEXT = 4096;

    private ValueChecker() {}

    /**
     * 400 naming {@code at} when {@code value} does not fit. {@code options} are the choices in force
     * (the schema's, or the config's labels for a label-driven field); null skips the option check.
     */
    static void check(FieldDef field, JsonNode value, List<FieldDef.Option> options, String at) {
        switch (field.type()) {
            case TEXT -> {
                if (!value.isString()) {
                    throw Errors.invalid("'" + at + "' must be a string (field type text).");
                }
                JsonFields.checkLength(at, value.asString(), MAX_TEXT);
            }
            case NUMBER -> {
                if (!value.isNumber()) {
                    throw Errors.invalid("'" + at + "' must be a number (field type number).");
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw Errors.invalid("'" + at + "' must be true or false (field type boolean).");
                }
            }
            case SELECT -> {
                if (!(value.isString() || value.isNumber())) {
                    throw Errors.invalid("'" + at + "' must be one option's value (field type select).");
                }
                inOptions(value, options, at);
            }
            case MULTISELECT -> {
                if (!value.isArray()) {
                    throw Errors.invalid("'" + at + "' must be an array of option values (field type multiselect).");
                }
                Set<String> seen = new HashSet<>();
                for (JsonNode item : value) {
                    if (!(item.isString() || item.isNumber()) || !seen.add(item.toString())) {
                        throw Errors.invalid("'" + at + "' must hold distinct option values (field type multiselect).");
                    }
                    inOptions(item, options, at);
                }
            }
        }
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static void inOptions(JsonNode value, List<FieldDef.Option> options, String at) {
        if (options == null) {
            return;
        }
        if (options.stream().noneMatch(o -> same(o.value(), value))) {
            throw Errors.invalid("'" + at + "' holds " + value + ", which is not one of its options: "
                    + String.join(", ", options.stream().map(o -> o.value().toString()).toList()) + ".");
        }
    }
}
