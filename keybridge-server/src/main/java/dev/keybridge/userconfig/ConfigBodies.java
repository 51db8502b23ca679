package dev.keybridge.userconfig;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.JsonRequestPart;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * The bodies of the config calls (wire-formats §2, §3). {@code linked_account_id} is kept as sent: only
 * server callers may send it (a session token's account is its own), which {@link ConfigRequests} checks
 * once the caller is known; field values are checked against the app's schema when applied.
 */
final class ConfigBodies {

    private ConfigBodies() {}

    /** {@code POST …/config}: find or create {@code {slug, config_id?, labels?}}. */
    @Schema(name = "ConfigFindOrCreate")
    public record Find(
            @Size(max = 100) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String slug,
            @JsonProperty("config_id") @Size(max = ConfigRequests.MAX_ID)
            @Schema(description = "Absent or blank: the default config.") String configId,
            @Schema(implementation = JsonNode.class, types = {"array", "object", "null"}, description = "The options of the label-driven fields: "
                    + "[{name, value}] for all of them, or {field id: [{name, value}]} (the Node server SDK's shape), "
                    + "each list for that field. Replace the stored ones when sent.")
            Labels labels,
            @JsonProperty("linked_account_id") @Size(max = ConfigRequests.MAX_ID) @Schema(type = "string",
                    description = "Server credentials only: the linked account (or the linked_account_id header).")
            JsonNode linkedAccountId) implements JsonRequest {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Find from(JsonNode body) {
            JsonFields f = JsonFields.body(body, Find.class);
            String slug = f.requiredString("slug");
            String configId = f.optionalString("config_id");
            Labels labels = f.has("labels") && !f.isNull("labels") ? Labels.parse(f.raw("labels"), "labels") : null;
            return new Find(slug, configId, labels, f.raw("linked_account_id"));
        }
    }

    /** {@code PUT …/config}: update {@code {slug, config_id?, fields?: {id: value}, workflows?: [{id, enabled, fields}]}}. */
    @Schema(name = "ConfigUpdate")
    public record Update(
            @Size(max = 100) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String slug,
            @JsonProperty("config_id") @Size(max = ConfigRequests.MAX_ID)
            @Schema(description = "Absent or blank: the default config.") String configId,
            @Schema(types = {"object"}, description = "Field id → value (checked against the app's config schema).")
            JsonNode fields,
            @Schema(implementation = WorkflowChange[].class,
                    description = "Workflow changes: enabled and field values per workflow id (checked against the app's config schema).")
            JsonNode workflows,
            @JsonProperty("linked_account_id") @Size(max = ConfigRequests.MAX_ID) @Schema(type = "string",
                    description = "Server credentials only: the linked account (or the linked_account_id header).")
            JsonNode linkedAccountId) implements JsonRequest {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Update from(JsonNode body) {
            JsonFields f = JsonFields.body(body, Update.class);
            String slug = f.requiredString("slug");
            String configId = f.optionalString("config_id");
            return new Update(slug, configId, f.raw("fields"), f.raw("workflows"), f.raw("linked_account_id"));
        }

        ConfigChange change() {
            return new ConfigChange(fields, workflows);
        }
    }

    /** {@code PUT /config-schema/{slug}}: {@code {fields: [...], workflows: [...]}}, checked by {@link SchemaParser}. */
    @Schema(name = "ConfigSchemaPut", types = {"object"},
            description = "{fields: [{id, name, type, required, options, default, label_driven}], workflows: [{id, name, description, fields}]}")
    public record SchemaPut(@Schema(hidden = true) JsonNode body) implements JsonRequest {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static SchemaPut from(JsonNode body) {
            return new SchemaPut(JsonFields.checkedText(body)); // parsed once the app is known (404 first)
        }
    }

    /** A workflow change (schema only; {@link ConfigChange} reads it): only {@code id} is required. */
    @Schema(name = "ConfigWorkflowChange")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorkflowChange(
            @Size(max = 64)
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A workflow of the app's config schema.")
            String id,
            @Schema(description = "Absent or null: unchanged.") Boolean enabled,
            @Schema(types = {"object"}, description = "Field id → value for this workflow's fields.") JsonNode fields)
            implements JsonRequestPart {}
}
