package dev.keybridge.sdk.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a config-schema update: the fields every configuration of the app holds, and its
 * workflow toggles. The schema sent replaces the stored one whole.
 *
 * <pre>{@code
 * ConfigSchemaParams schema = ConfigSchemaParams.builder()
 *         .field(ConfigSchemaParams.Field.select("region", "Region").option("Europe", "eu")
 *                 .option("United States", "us").defaultValue("eu").required().build())
 *         .field(ConfigSchemaParams.Field.number("limit", "Daily limit").required().build())
 *         .workflow(ConfigSchemaParams.Workflow.builder("sync", "Sync invoices")
 *                 .field(ConfigSchemaParams.Field.text("folder", "Folder").required().build()).build())
 *         .build();
 * }</pre>
 */
public final class ConfigSchemaParams {

    private final Map<String, Object> body;

    private ConfigSchemaParams(Map<String, Object> body) {
        this.body = Collections.unmodifiableMap(body);
    }

    /** A builder of an empty schema. */
    public static Builder builder() {
        return new Builder();
    }

    /** The JSON body ({@code fields, workflows}). */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    public String toString() {
        return "ConfigSchemaParams" + body;
    }

    /** Builds {@link ConfigSchemaParams}. */
    public static final class Builder {
        private final List<Map<String, Object>> fields = new ArrayList<>();
        private final List<Map<String, Object>> workflows = new ArrayList<>();

        private Builder() {}

        /** Adds a field (at most 100; ids unique). */
        public Builder field(Field field) {
            fields.add(field.wire);
            return this;
        }

        /** Adds a workflow toggle (at most 50; ids unique). */
        public Builder workflow(Workflow workflow) {
            workflows.add(workflow.wire);
            return this;
        }

        /** The params. */
        public ConfigSchemaParams build() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("fields", List.copyOf(fields));
            body.put("workflows", List.copyOf(workflows));
            return new ConfigSchemaParams(body);
        }
    }

    /** One field of a schema; start with {@link #text}, {@link #number}, {@link #bool}, {@link #select} or {@link #multiselect}. */
    public static final class Field {
        private final Map<String, Object> wire;

        private Field(Map<String, Object> wire) {
            this.wire = Collections.unmodifiableMap(wire);
        }

        /** A text field; {@code id} may hold letters, digits, {@code _ . -} (at most 64). */
        public static FieldBuilder text(String id, String name) {
            return new FieldBuilder(id, name, "text");
        }

        /** A number field. */
        public static FieldBuilder number(String id, String name) {
            return new FieldBuilder(id, name, "number");
        }

        /** A true/false field. */
        public static FieldBuilder bool(String id, String name) {
            return new FieldBuilder(id, name, "boolean");
        }

        /** A field with one value out of its options (add them, or make it {@link FieldBuilder#labelDriven()}). */
        public static FieldBuilder select(String id, String name) {
            return new FieldBuilder(id, name, "select");
        }

        /** A field with any number of distinct values out of its options. */
        public static FieldBuilder multiselect(String id, String name) {
            return new FieldBuilder(id, name, "multiselect");
        }

        @Override
        public String toString() {
            return "Field" + wire;
        }
    }

    /** Builds a {@link Field}. */
    public static final class FieldBuilder {
        private final Map<String, Object> wire = new LinkedHashMap<>();
        private final List<Map<String, Object>> options = new ArrayList<>();

        private FieldBuilder(String id, String name, String type) {
            wire.put("id", id);
            wire.put("name", name);
            wire.put("type", type);
        }

        /** A config must have a value for it (or the field a default). */
        public FieldBuilder required() {
            wire.put("required", true);
            return this;
        }

        /** A choice of a select or multiselect field: {@code value} is a String or a Number. */
        public FieldBuilder option(String name, Object value) {
            if (!(value instanceof String || value instanceof Number)) {
                throw new IllegalArgumentException("an option's value is a String or a Number");
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", name);
            o.put("value", value);
            options.add(o);
            return this;
        }

        /** The value a config shows until one is set (it must fit the field). */
        public FieldBuilder defaultValue(Object value) {
            wire.put("default", value);
            return this;
        }

        /** A select or multiselect field whose options are the labels each config is created with. */
        public FieldBuilder labelDriven() {
            wire.put("label_driven", true);
            return this;
        }

        /** The field. */
        public Field build() {
            Map<String, Object> out = new LinkedHashMap<>(wire);
            if (!options.isEmpty()) {
                out.put("options", List.copyOf(options));
            }
            return new Field(out);
        }
    }

    /** A workflow toggle of a schema, with fields of its own. */
    public static final class Workflow {
        private final Map<String, Object> wire;

        private Workflow(Map<String, Object> wire) {
            this.wire = Collections.unmodifiableMap(wire);
        }

        /** A builder of the workflow {@code id}, shown as {@code name}. */
        public static WorkflowBuilder builder(String id, String name) {
            return new WorkflowBuilder(id, name);
        }

        @Override
        public String toString() {
            return "Workflow" + wire;
        }
    }

    /** Builds a {@link Workflow}. */
    public static final class WorkflowBuilder {
        private final Map<String, Object> wire = new LinkedHashMap<>();
        private final List<Map<String, Object>> fields = new ArrayList<>();

        private WorkflowBuilder(String id, String name) {
            wire.put("id", id);
            wire.put("name", name);
        }

        /** What the workflow does. */
        public WorkflowBuilder description(String description) {
            wire.put("description", description);
            return this;
        }

        /** Adds a field of the workflow (required ones only while it is enabled). */
        public WorkflowBuilder field(Field field) {
            fields.add(field.wire);
            return this;
        }

        /** The workflow. */
        public Workflow build() {
            Map<String, Object> out = new LinkedHashMap<>(wire);
            out.put("fields", List.copyOf(fields));
            return new Workflow(out);
        }
    }
}
