package dev.keybridge.userconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An app's config schema as the schema API answers it: the fields and workflows in their stored JSON
 * ({@link FieldDef#wire()}, {@link ConfigSchema.Workflow#wire()}; shapes in {@link SchemaField}, {@link SchemaWorkflow}).
 */
@Schema(name = "ConfigSchema")
@JsonPropertyOrder({"slug", "environment", "fields", "workflows", "createdAt", "updatedAt"})
public record SchemaView(
        String slug,
        String environment,
        @ArraySchema(schema = @Schema(implementation = SchemaField.class)) List<Map<String, Object>> fields,
        @ArraySchema(schema = @Schema(implementation = SchemaWorkflow.class)) List<Map<String, Object>> workflows,
        String createdAt,
        String updatedAt) {

    static SchemaView of(ConfigSchema s, Environment environment) {
        return new SchemaView(s.slug(), environment.wire(), s.fields().stream().map(FieldDef::wire).toList(),
                s.workflows().stream().map(ConfigSchema.Workflow::wire).toList(), Timestamps.format(s.createdAt()),
                Timestamps.format(s.updatedAt()));
    }

    /** The same object as a map (the dashboard's pages read it by key). */
    Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("slug", slug);
        out.put("environment", environment);
        out.put("fields", fields);
        out.put("workflows", workflows);
        out.put("createdAt", createdAt);
        out.put("updatedAt", updatedAt);
        return out;
    }

    /** A field of a config schema (schema only). */
    @Schema(name = "ConfigSchemaField")
    record SchemaField(String id, String name,
                       @Schema(allowableValues = {"text", "number", "boolean", "select", "multiselect"}) String type,
                       boolean required, List<ConfigView.Option> options,
                       @JsonProperty("default") @Schema(description = "Any JSON value. The default value, or null.") JsonNode defaultValue,
                       @JsonProperty("label_driven") @Schema(description = "Options come from the config's labels.")
                       boolean labelDriven) {}

    /** A workflow of a config schema (schema only). */
    @Schema(name = "ConfigSchemaWorkflow")
    record SchemaWorkflow(String id, String name, @Nullable String description, List<SchemaField> fields) {}

    @Schema(name = "ConfigSchemaList")
    public record Slugs(@Schema(description = "The apps that have a config schema in this environment.") List<String> slugs) {}

    @Schema(name = "ConfigSchemaDeleted")
    @JsonPropertyOrder({"success", "slug"})
    public record Deleted(boolean success, String slug) {}
}
