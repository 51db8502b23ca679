package dev.keybridge.userconfig;

import dev.keybridge.web.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The config object on the wire (wire-formats §3): {@code _id, config_id, slug, linked_account_id,
 * environment, fields[{id, name, type, required, options, value}], workflows[{id, name, description,
 * enabled, fields}], createdAt, updatedAt}. A field without a stored value shows its default.
 */
final class ConfigView {

    private ConfigView() {}

    /** {@code config.updated}: the config object as the API shows it. */
    record Event(@com.fasterxml.jackson.annotation.JsonValue Map<String, Object> config)
            implements dev.keybridge.events.EventData {}

    static Map<String, Object> of(UserConfig c, ConfigSchema schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_id", c.id());
        out.put("config_id", c.configId());
        out.put("slug", c.slug());
        out.put("linked_account_id", c.accountExternalId());
        out.put("environment", c.environment().wire());
        out.put("labels", c.labels().stream().map(FieldDef.Option::wire).toList());
        out.put("fields", fields(schema.fields(), c.values(), c.labels()));
        out.put("workflows", schema.workflows().stream().map(w -> {
            UserConfig.WorkflowValues v = c.workflows().get(w.id());
            Map<String, Object> wf = new LinkedHashMap<>();
            wf.put("id", w.id());
            wf.put("name", w.name());
            wf.put("description", w.description());
            wf.put("enabled", v != null && v.enabled());
            wf.put("fields", fields(w.fields(), v == null ? Map.of() : v.values(), c.labels()));
            return wf;
        }).toList());
        out.put("createdAt", Timestamps.format(c.createdAt()));
        out.put("updatedAt", Timestamps.format(c.updatedAt()));
        return out;
    }

    private static List<Map<String, Object>> fields(List<FieldDef> defs, Map<String, JsonNode> values,
                                                    List<FieldDef.Option> labels) {
        return defs.stream().map(f -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", f.id());
            out.put("name", f.name());
            out.put("type", f.type().wire());
            out.put("required", f.required());
            out.put("options", (f.labelDriven() ? labels : f.options()).stream().map(FieldDef.Option::wire).toList());
            out.put("value", values.containsKey(f.id()) ? values.get(f.id()) : f.defaultValue());
            return out;
        }).toList();
    }
}
