package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One configuration: a linked account x an app x a {@code configId} ({@code default} when none was
 * named), with every field of the app's {@link ConfigSchema} and its value (the schema's default
 * until one is set).
 *
 * @param id              Keybridge's id ({@code _id})
 * @param configId        the config's id within the account and app ({@code config_id})
 * @param slug            the app
 * @param linkedAccountId your id of the linked account
 * @param environment     {@code test} or {@code production}
 * @param labels          the labels the config was created with (options of label-driven fields)
 * @param fields          the fields with their values
 * @param workflows       the workflow toggles with their fields
 * @param createdAt       creation time
 * @param updatedAt       last change
 */
public record Config(
        @JsonProperty("_id") String id,
        @JsonProperty("config_id") String configId,
        String slug,
        @JsonProperty("linked_account_id") String linkedAccountId,
        String environment,
        List<ConfigOption> labels,
        List<Field> fields,
        List<Workflow> workflows,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * A field of the config with its value.
     *
     * @param id       the field's id
     * @param name     its label
     * @param type     {@code text}, {@code number}, {@code boolean}, {@code select} or {@code multiselect}
     * @param required whether it must have a value
     * @param options  the choices in force (the schema's, or the config's labels for a label-driven field)
     * @param value    a String, Number, Boolean or List of them; null when unset and without default
     */
    public record Field(String id, String name, String type, boolean required, List<ConfigOption> options,
                        Object value) {}

    /**
     * A workflow toggle of the config.
     *
     * @param id          the workflow's id
     * @param name        its label
     * @param description what it does, or null
     * @param enabled     whether the end user turned it on
     * @param fields      its fields with their values
     */
    public record Workflow(String id, String name, String description, boolean enabled, List<Field> fields) {}

    /** The value of field {@code id} (null when unset or unknown). */
    public Object value(String id) {
        return field(fields, id).map(Field::value).orElse(null);
    }

    /** The workflow {@code id}, if the app's schema has it. */
    public Optional<Workflow> workflow(String id) {
        return workflows == null ? Optional.empty() : workflows.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    static Optional<Field> field(List<Field> fields, String id) {
        return fields == null ? Optional.empty() : fields.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
