package dev.keybridge.userconfig;

import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of an update: {@code fields} ({@code {id: value}}, null clears a value) and
 * {@code workflows} ({@code [{id, enabled, fields}]}). Applied to a config, every value is checked
 * against the schema first (wrong type, unknown field, option not offered, required value missing:
 * a 400 naming the field), so a refused update writes nothing.
 */
record ConfigChange(JsonNode fields, JsonNode workflows) {

    UserConfig applyTo(UserConfig c, ConfigSchema schema, Instant now) {
        Map<String, JsonNode> values = merge(c.values(), fields, schema.fields(), c.labels(), "fields", schema.slug());
        Map<String, UserConfig.WorkflowValues> flows = new LinkedHashMap<>(c.workflows());
        if (workflows != null && !workflows.isNull()) {
            if (!workflows.isArray()) {
                throw Errors.invalid("'workflows' must be an array of {id, enabled, fields}.");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < workflows.size(); i++) {
                String at = "workflows[" + i + "]";
                JsonFields w = JsonFields.at(workflows.get(i), at, "id", "enabled", "fields");
                String id = w.requiredString("id", 64);
                ConfigSchema.Workflow def = schema.workflow(id).orElseThrow(() -> Errors.invalid("Unknown workflow '"
                        + at + ".id' = '" + id + "': the config schema of '" + schema.slug() + "' has no such workflow."));
                if (!seen.add(id)) {
                    throw Errors.invalid("'" + at + ".id' repeats the workflow '" + id + "'.");
                }
                UserConfig.WorkflowValues old = flows.getOrDefault(id, new UserConfig.WorkflowValues(false, Map.of()));
                JsonNode enabled = w.raw("enabled");
                if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
                    throw Errors.invalid("'" + at + ".enabled' must be true or false.");
                }
                boolean on = enabled == null || enabled.isNull() ? old.enabled() : enabled.asBoolean();
                flows.put(id, new UserConfig.WorkflowValues(on,
                        merge(old.values(), w.raw("fields"), def.fields(), c.labels(), "workflows." + id + ".fields", schema.slug())));
            }
        }
        requireAll(schema.fields(), values, "fields", schema.slug());
        for (ConfigSchema.Workflow def : schema.workflows()) {
            UserConfig.WorkflowValues v = flows.get(def.id());
            if (v != null && v.enabled()) {
                requireAll(def.fields(), v.values(), "workflows." + def.id() + ".fields", schema.slug());
            }
        }
        return new UserConfig(c.id(), c.orgId(), c.environment(), c.accountId(), c.accountExternalId(), c.slug(),
                c.configId(), c.labels(), values, flows, c.createdAt(), now);
    }

    private static Map<String, JsonNode> merge(Map<String, JsonNode> current, JsonNode patch, List<FieldDef> defs,
                                               Labels labels, String at, String slug) {
        Map<String, JsonNode> out = new LinkedHashMap<>(current);
        if (patch == null || patch.isNull()) {
            return out;
        }
        if (!patch.isObject()) {
            throw Errors.invalid("'" + at + "' must be an object of {field id: value}.");
        }
        for (String id : patch.propertyNames()) {
            FieldDef def = defs.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow(() -> Errors.invalid(
                    "Unknown field '" + at + "." + id + "': the config schema of '" + slug + "' has no such field."));
            JsonNode value = patch.get(id);
            if (value.isNull()) {
                out.remove(id);
            } else {
                ValueChecker.check(def, value, def.labelDriven() ? labels.forField(id) : def.options(), at + "." + id);
                out.put(id, value);
            }
        }
        return out;
    }

    private static void requireAll(List<FieldDef> defs, Map<String, JsonNode> values, String at, String slug) {
        for (FieldDef d : defs) {
            if (d.required() && !values.containsKey(d.id()) && d.defaultValue() == null) {
                throw Errors.invalid("'" + at + "." + d.id() + "' is required by the config schema of '" + slug + "'.");
            }
        }
    }
}
