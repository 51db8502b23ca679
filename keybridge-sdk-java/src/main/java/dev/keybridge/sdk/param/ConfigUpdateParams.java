package dev.keybridge.sdk.param;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The changes to a configuration: field values to set ({@link Builder#clearField} sends {@code null},
 * which clears one), and per workflow its toggle and field values. What is not sent is kept. Keybridge
 * checks every value against the app's config schema before writing anything.
 * {@link #toString()} shows field ids, not values.
 */
public final class ConfigUpdateParams {

    private final String linkedAccountId;
    private final Map<String, Object> body;

    private ConfigUpdateParams(String linkedAccountId, Map<String, Object> body) {
        this.linkedAccountId = linkedAccountId;
        this.body = Collections.unmodifiableMap(body);
    }

    /** A builder of changes to the config of your linked account {@code linkedAccountId} for app {@code slug}. */
    public static Builder builder(String linkedAccountId, String slug) {
        return new Builder(linkedAccountId, slug);
    }

    /** Your id of the linked account (sent as the {@code linked_account_id} header). */
    public String linkedAccountId() {
        return linkedAccountId;
    }

    /** The JSON body ({@code slug, config_id?, fields?, workflows?}). */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    public String toString() {
        Object fields = body.get("fields");
        return "ConfigUpdateParams[linked_account_id=" + linkedAccountId + ", slug=" + body.get("slug") + ", config_id="
                + body.getOrDefault("config_id", "default")
                + (fields == null ? "" : ", fields=" + ((Map<?, ?>) fields).keySet())
                + (body.containsKey("workflows") ? ", workflows=" + ((List<?>) body.get("workflows")).size() : "") + "]";
    }

    /** Builds {@link ConfigUpdateParams}. */
    public static final class Builder {
        private final String linkedAccountId;
        private final Map<String, Object> body = new LinkedHashMap<>();
        private @Nullable Map<String, Object> fields;
        private final Map<String, Map<String, Object>> workflows = new LinkedHashMap<>();

        private Builder(String linkedAccountId, String slug) {
            this.linkedAccountId = linkedAccountId;
            body.put("slug", slug);
        }

        /** The config's id; none = {@code default}. */
        public Builder configId(String configId) {
            body.put("config_id", configId);
            return this;
        }

        /** Sets field {@code id}: a String, Number, Boolean, or a Collection of option values (multiselect). */
        public Builder field(String id, Object value) {
            if (fields == null) {
                fields = new LinkedHashMap<>();
            }
            fields.put(id, value(value));
            return this;
        }

        /** Clears field {@code id} (it shows its default again). */
        public Builder clearField(String id) {
            if (fields == null) {
                fields = new LinkedHashMap<>();
            }
            fields.put(id, null);
            return this;
        }

        /** Turns workflow {@code id} on (its required fields must then have values). */
        public Builder enableWorkflow(String id) {
            workflow(id).put("enabled", true);
            return this;
        }

        /** Turns workflow {@code id} off. */
        public Builder disableWorkflow(String id) {
            workflow(id).put("enabled", false);
            return this;
        }

        /** Sets field {@code fieldId} of workflow {@code workflowId}. */
        public Builder workflowField(String workflowId, String fieldId, Object value) {
            workflowFields(workflowId).put(fieldId, value(value));
            return this;
        }

        /** Clears field {@code fieldId} of workflow {@code workflowId}. */
        public Builder clearWorkflowField(String workflowId, String fieldId) {
            workflowFields(workflowId).put(fieldId, null);
            return this;
        }

        private Map<String, Object> workflow(String id) {
            return workflows.computeIfAbsent(id, k -> {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("id", k);
                return w;
            });
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> workflowFields(String id) {
            return (Map<String, Object>) workflow(id).computeIfAbsent("fields", k -> new LinkedHashMap<String, Object>());
        }

        private static Object value(Object value) {
            if (value instanceof Collection) {
                List<Object> items = new ArrayList<>((Collection<?>) value);
                for (Object item : items) {
                    if (!(item instanceof String || item instanceof Number)) {
                        throw new IllegalArgumentException("a multiselect value holds Strings or Numbers");
                    }
                }
                return items;
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("a field value is a String, Number, Boolean or a Collection "
                        + "(use clearField to clear one)");
            }
            return value;
        }

        /** The params. */
        public ConfigUpdateParams build() {
            Map<String, Object> out = new LinkedHashMap<>(body);
            if (fields != null) {
                out.put("fields", new LinkedHashMap<>(fields));
            }
            if (!workflows.isEmpty()) {
                List<Map<String, Object>> list = new ArrayList<>();
                workflows.values().forEach(w -> list.add(new LinkedHashMap<>(w)));
                out.put("workflows", list);
            }
            return new ConfigUpdateParams(linkedAccountId, out);
        }
    }
}
