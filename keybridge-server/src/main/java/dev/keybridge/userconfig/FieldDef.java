package dev.keybridge.userconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One field of a config schema: {@code id}, {@code name}, {@code type}, {@code required},
 * {@code options} (for select and multiselect), {@code default}, and {@code label_driven} (its
 * options come from the labels the config was created with, not from the schema).
 */
record FieldDef(String id, String name, Type type, boolean required, List<Option> options, JsonNode defaultValue,
                boolean labelDriven) {

    enum Type {
        TEXT, NUMBER, BOOLEAN, SELECT, MULTISELECT;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type of(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        boolean hasOptions() {
            return this == SELECT || this == MULTISELECT;
        }
    }

    /** A choice of a select field, or a label: {@code {name, value}} with a string or number value. */
    record Option(String name, JsonNode value) {
        Map<String, Object> wire() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("value", value);
            return out;
        }
    }

    /** The schema's own JSON for this field (what is stored and what the schema API answers). */
    Map<String, Object> wire() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("type", type.wire());
        out.put("required", required);
        out.put("options", options.stream().map(Option::wire).toList());
        out.put("default", defaultValue);
        out.put("label_driven", labelDriven);
        return out;
    }
}
