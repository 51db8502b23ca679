package dev.keybridge.userconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.events.EventData;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The config object on the wire (wire-formats §3), also the {@code config.updated} event's data:
 * {@code _id, config_id, slug, linked_account_id, environment, labels, labels_by_field?, fields[{id, name, type, required,
 * options, value}], workflows[{id, name, description, enabled, fields}], createdAt, updatedAt}. A field
 * without a stored value shows its default. {@link #asMap()} is the same shape for the dashboard's pages.
 */
@Schema(name = "Config")
@JsonPropertyOrder({"_id", "config_id", "slug", "linked_account_id", "environment", "labels", "labels_by_field", "fields", "workflows",
        "createdAt", "updatedAt"})
public record ConfigView(
        @JsonProperty("_id") String id,
        @JsonProperty("config_id") String configId,
        String slug,
        @JsonProperty("linked_account_id") String linkedAccountId,
        String environment,
        @Schema(description = "The labels the config was created with, as one list (sent keyed by field: every "
                + "field's, each pair once).")
        List<Option> labels,
        @JsonProperty("labels_by_field") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Only when the labels were sent keyed by field id: each field's own list.")
        Map<String, List<Option>> labelsByField,
        List<Field> fields,
        List<Workflow> workflows,
        String createdAt,
        String updatedAt) implements EventData.ConfigData {

    @Schema(name = "ConfigOption")
    @JsonPropertyOrder({"name", "value"})
    public record Option(String name, @Schema(description = "Any JSON value. A string, number or boolean.") JsonNode value) {
        static Option of(FieldDef.Option o) {
            return new Option(o.name(), o.value());
        }

        Map<String, Object> asMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("value", value);
            return out;
        }
    }

    @Schema(name = "ConfigField")
    @JsonPropertyOrder({"id", "name", "type", "required", "options", "value"})
    public record Field(String id, String name,
                        @Schema(allowableValues = {"text", "number", "boolean", "select", "multiselect"}) String type,
                        boolean required, List<Option> options,
                        @Schema(description = "Any JSON value. The stored value, or the field's default.") JsonNode value) {
        Map<String, Object> asMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("name", name);
            out.put("type", type);
            out.put("required", required);
            out.put("options", options.stream().map(Option::asMap).toList());
            out.put("value", value);
            return out;
        }
    }

    @Schema(name = "ConfigWorkflow")
    @JsonPropertyOrder({"id", "name", "description", "enabled", "fields"})
    public record Workflow(String id, String name, String description, boolean enabled, List<Field> fields) {
        Map<String, Object> asMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("name", name);
            out.put("description", description);
            out.put("enabled", enabled);
            out.put("fields", fields.stream().map(Field::asMap).toList());
            return out;
        }
    }

    static ConfigView of(UserConfig c, ConfigSchema schema) {
        return new ConfigView(c.id(), c.configId(), c.slug(), c.accountExternalId(), c.environment().wire(),
                c.labels().all().stream().map(Option::of).toList(),
                c.labels().byField().isEmpty() ? null : byField(c.labels()),
                fields(schema.fields(), c.values(), c.labels()),
                schema.workflows().stream().map(w -> {
                    UserConfig.WorkflowValues v = c.workflows().get(w.id());
                    return new Workflow(w.id(), w.name(), w.description(), v != null && v.enabled(),
                            fields(w.fields(), v == null ? Map.of() : v.values(), c.labels()));
                }).toList(),
                Timestamps.format(c.createdAt()), Timestamps.format(c.updatedAt()));
    }

    /** The same object as nested maps (the dashboard's templates read it by key). */
    Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_id", id);
        out.put("config_id", configId);
        out.put("slug", slug);
        out.put("linked_account_id", linkedAccountId);
        out.put("environment", environment);
        out.put("labels", labels.stream().map(Option::asMap).toList());
        out.put("fields", fields.stream().map(Field::asMap).toList());
        out.put("workflows", workflows.stream().map(Workflow::asMap).toList());
        out.put("createdAt", createdAt);
        out.put("updatedAt", updatedAt);
        return out;
    }

    private static Map<String, List<Option>> byField(Labels labels) {
        Map<String, List<Option>> out = new LinkedHashMap<>();
        labels.byField().forEach((field, options) -> out.put(field, options.stream().map(Option::of).toList()));
        return out;
    }

    private static List<Field> fields(List<FieldDef> defs, Map<String, JsonNode> values, Labels labels) {
        return defs.stream().map(f -> new Field(f.id(), f.name(), f.type().wire(), f.required(),
                (f.labelDriven() ? labels.forField(f.id()) : f.options()).stream().map(Option::of).toList(),
                values.containsKey(f.id()) ? values.get(f.id()) : f.defaultValue())).toList();
    }

    /** The answer of a delete. */
    @Schema(name = "ConfigDeleted")
    @JsonPropertyOrder({"_id", "config_id", "slug", "linked_account_id", "success", "deleted"})
    public record Deleted(@JsonProperty("_id") String id, @JsonProperty("config_id") String configId, String slug,
                          @JsonProperty("linked_account_id") String linkedAccountId, boolean success, boolean deleted) {}
}
