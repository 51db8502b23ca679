package dev.keybridge.userconfig;

import dev.keybridge.web.Errors;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A config's labels, the options of its label-driven fields, in either shape the clients send: a list
 * {@code [{name, value}]} for every label-driven field (the browser SDK's), or an object keyed by field id
 * {@code {field: [{name, value}]}} (the Node server SDK's), each list for that field only. A label-driven
 * field without a list of its own takes the shared one. Stored in the shape sent.
 */
record Labels(List<FieldDef.Option> shared, Map<String, List<FieldDef.Option>> byField) {

    static final Labels NONE = new Labels(List.of(), Map.of());

    /** At most this many keys in the keyed shape (a schema has at most 100 fields and 50 workflows). */
    static final int MAX_KEYS = 150;

    Labels {
        shared = List.copyOf(shared);
        byField = Collections.unmodifiableMap(new LinkedHashMap<>(byField));
    }

    /** The options of the label-driven field {@code id}. */
    List<FieldDef.Option> forField(String id) {
        return byField.getOrDefault(id, shared);
    }

    /** The request's or the stored {@code labels}: a list, or an object of lists keyed by field id. */
    static Labels parse(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (node.isArray()) {
            return new Labels(SchemaParser.options(node, at), Map.of());
        }
        if (!node.isObject() || node.size() > MAX_KEYS) {
            throw Errors.invalid("'" + at + "' must be an array of {name, value} objects, or an object of such arrays "
                    + "keyed by field id (at most " + MAX_KEYS + " keys).");
        }
        Map<String, List<FieldDef.Option>> byField = new LinkedHashMap<>();
        for (String field : node.propertyNames()) {
            if (!SchemaParser.ID.matcher(field).matches()) {
                throw Errors.invalid("'" + at + "' keys are field ids: letters, digits, '_', '.' and '-' (at most 64).");
            }
            byField.put(field, SchemaParser.options(node.get(field), at + "." + field));
        }
        return new Labels(List.of(), byField);
    }

    /**
     * Every label as one list (what the config object's {@code labels} shows): the shared list, or each
     * field's in turn without repeating a {@code {name, value}} pair.
     */
    List<FieldDef.Option> all() {
        if (byField.isEmpty()) {
            return shared;
        }
        Set<FieldDef.Option> out = new LinkedHashSet<>();
        byField.values().forEach(out::addAll);
        return List.copyOf(out);
    }

    /** The stored JSON: the list, or the object of lists, as sent. */
    Object wire() {
        if (byField.isEmpty()) {
            return shared.stream().map(FieldDef.Option::wire).toList();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        byField.forEach((field, options) -> out.put(field, options.stream().map(FieldDef.Option::wire).toList()));
        return out;
    }
}
