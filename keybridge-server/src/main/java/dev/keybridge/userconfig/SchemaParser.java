package dev.keybridge.userconfig;

import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a config schema ({@code {fields: [...], workflows: [...]}}) strictly: unknown keys, wrong
 * types, duplicate ids, select fields without options and defaults that do not fit are a 400 naming
 * the place. The same reader loads stored schemas, which are kept in this very shape.
 */
final class SchemaParser {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    static final int MAX_FIELDS = 100;
    static final int MAX_WORKFLOWS = 50;
    static final int MAX_OPTIONS = 200;

    private SchemaParser() {}

    static ConfigSchema parse(String slug, JsonNode body) {
        JsonFields f = JsonFields.of(body, "fields", "workflows");
        List<FieldDef> fields = fields(f.raw("fields"), "fields");
        List<ConfigSchema.Workflow> workflows = new ArrayList<>();
        JsonNode list = f.raw("workflows");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > MAX_WORKFLOWS) {
                throw Errors.invalid("'workflows' must be an array of at most " + MAX_WORKFLOWS + " workflows.");
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "workflows[" + i + "]";
                JsonFields w = JsonFields.at(list.get(i), at, "id", "name", "description", "fields");
                String id = id(w, at, ids);
                workflows.add(new ConfigSchema.Workflow(id, w.requiredString("name", 255),
                        w.optionalString("description", 2000), fields(w.raw("fields"), at + ".fields")));
            }
        }
        return new ConfigSchema(slug, fields, workflows, null, null);
    }

    static List<FieldDef> fields(JsonNode list, String at) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > MAX_FIELDS) {
            throw Errors.invalid("'" + at + "' must be an array of at most " + MAX_FIELDS + " fields.");
        }
        List<FieldDef> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(field(list.get(i), at + "[" + i + "]", ids));
        }
        return out;
    }

    private static FieldDef field(JsonNode node, String at, Set<String> ids) {
        JsonFields f = JsonFields.at(node, at, "id", "name", "type", "required", "options", "default", "label_driven");
        String id = id(f, at, ids);
        String name = f.requiredString("name", 255);
        FieldDef.Type type = f.requiredEnum("type", FieldDef.Type::of, "one of text, number, boolean, select, multiselect");
        boolean required = bool(f, "required", at);
        boolean labelDriven = bool(f, "label_driven", at);
        if (labelDriven && !type.hasOptions()) {
            throw Errors.invalid("'" + at + ".label_driven' is only for select and multiselect fields.");
        }
        List<FieldDef.Option> options = options(f.raw("options"), at + ".options");
        if (!type.hasOptions() && !options.isEmpty()) {
            throw Errors.invalid("'" + at + ".options' is only for select and multiselect fields.");
        }
        if (type.hasOptions() && !labelDriven && options.isEmpty()) {
            throw Errors.invalid("'" + at + "' is a " + type.wire() + " field: give it 'options' or mark it 'label_driven'.");
        }
        JsonNode def = f.raw("default");
        FieldDef field = new FieldDef(id, name, type, required, options, def == null || def.isNull() ? null : def, labelDriven);
        if (field.defaultValue() != null) {
            ValueChecker.check(field, field.defaultValue(), labelDriven ? null : options, at + ".default");
        }
        return field;
    }

    /** Options or labels: {@code [{name, value}]}, value a string or a number, values unique. */
    static List<FieldDef.Option> options(JsonNode list, String at) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > MAX_OPTIONS) {
            throw Errors.invalid("'" + at + "' must be an array of at most " + MAX_OPTIONS + " {name, value} objects.");
        }
        List<FieldDef.Option> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String here = at + "[" + i + "]";
            JsonFields o = JsonFields.at(list.get(i), here, "name", "value");
            String name = o.requiredString("name", 255);
            JsonNode value = o.raw("value");
            if (value == null || !(value.isString() || value.isNumber())) {
                throw Errors.invalid("'" + here + ".value' is required and must be a string or a number.");
            }
            if (value.isString()) {
                JsonFields.checkLength(here + ".value", value.asString(), 1000);
            }
            if (!seen.add(value.toString())) {
                throw Errors.invalid("'" + here + ".value' repeats another option's value.");
            }
            out.add(new FieldDef.Option(name, value));
        }
        return out;
    }

    private static String id(JsonFields f, String at, Set<String> ids) {
        String id = f.requiredString("id", 64);
        if (!ID.matcher(id).matches()) {
            throw Errors.invalid("'" + at + ".id' may only hold letters, digits, '_', '.' and '-' (at most 64).");
        }
        if (!ids.add(id)) {
            throw Errors.invalid("'" + at + ".id' repeats the id '" + id + "'.");
        }
        return id;
    }

    private static boolean bool(JsonFields f, String name, String at) {
        JsonNode v = f.raw(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw Errors.invalid("'" + at + "." + name + "' must be true or false.");
        }
        return v.asBoolean();
    }
}
