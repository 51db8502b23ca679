package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a configuration of one app holds in one environment: its fields and its workflow toggles
 * (each with fields of its own). Set it with {@link dev.keybridge.sdk.resource.ConfigSchemas#update}.
 *
 * @param slug        the app
 * @param environment {@code test} or {@code production}
 * @param fields      the config's fields
 * @param workflows   the workflow toggles
 * @param createdAt   when the schema was first set
 * @param updatedAt   when it last changed
 */
public record ConfigSchema(
        String slug,
        String environment,
        List<Field> fields,
        List<Workflow> workflows,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * One field of a schema.
     *
     * @param id           the field's id ({@code fields.<id>} in updates)
     * @param name         its label
     * @param type         {@code text}, {@code number}, {@code boolean}, {@code select} or {@code multiselect}
     * @param required     whether a config must have a value for it
     * @param options      the choices of a select or multiselect field (empty when label-driven)
     * @param defaultValue the value a config shows until one is set, or null
     * @param labelDriven  whether its options are the labels each config was created with
     */
    public record Field(
            String id,
            String name,
            String type,
            boolean required,
            List<ConfigOption> options,
            @JsonProperty("default") Object defaultValue,
            @JsonProperty("label_driven") boolean labelDriven) {}

    /**
     * A workflow toggle of a schema.
     *
     * @param id          the workflow's id
     * @param name        its label
     * @param description what it does, or null
     * @param fields      fields of its own (required ones only while it is enabled)
     */
    public record Workflow(String id, String name, String description, List<Field> fields) {}

    /** The field {@code id}, if the schema has it. */
    public Optional<Field> field(String id) {
        return fields == null ? Optional.empty() : fields.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
