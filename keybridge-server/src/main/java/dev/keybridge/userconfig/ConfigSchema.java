package dev.keybridge.userconfig;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An app's config schema in one environment: its fields and its workflow toggles (each with fields). */
record ConfigSchema(String slug, List<FieldDef> fields, List<Workflow> workflows, Instant createdAt, Instant updatedAt) {

    /** A workflow toggle: {@code id}, {@code name}, {@code description} and fields of its own. */
    record Workflow(String id, String name, String description, List<FieldDef> fields) {
        Map<String, Object> wire() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("name", name);
            out.put("description", description);
            out.put("fields", fields.stream().map(FieldDef::wire).toList());
            return out;
        }
    }

    /** The schema of an app that has none: no fields, no workflows. */
    static ConfigSchema empty(String slug) {
        return new ConfigSchema(slug, List.of(), List.of(), null, null);
    }

    Optional<Workflow> workflow(String id) {
        return workflows.stream().filter(w -> w.id().equals(id)).findFirst();
    }
}
