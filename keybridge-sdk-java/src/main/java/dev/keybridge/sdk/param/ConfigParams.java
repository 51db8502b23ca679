package dev.keybridge.sdk.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Names a configuration (linked account x app x config id) to find or create, with the labels it is
 * created with (the options of its label-driven fields; labels sent replace the stored ones, labels not
 * sent are kept). {@link #toString()} shows the label count only.
 */
public final class ConfigParams {

    private final String linkedAccountId;
    private final Map<String, Object> body;

    private ConfigParams(String linkedAccountId, Map<String, Object> body) {
        this.linkedAccountId = linkedAccountId;
        this.body = Collections.unmodifiableMap(body);
    }

    /** A builder for the config of your linked account {@code linkedAccountId} for app {@code slug}. */
    public static Builder builder(String linkedAccountId, String slug) {
        return new Builder(linkedAccountId, slug);
    }

    /** Your id of the linked account (sent as the {@code linked_account_id} header). */
    public String linkedAccountId() {
        return linkedAccountId;
    }

    /** The JSON body ({@code slug, config_id?, labels?}). */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    public String toString() {
        Object labels = body.get("labels");
        return "ConfigParams[linked_account_id=" + linkedAccountId + ", slug=" + body.get("slug") + ", config_id="
                + body.getOrDefault("config_id", "default")
                + (labels == null ? "" : ", labels=" + ((List<?>) labels).size()) + "]";
    }

    /** Builds {@link ConfigParams}. */
    public static final class Builder {
        private final String linkedAccountId;
        private final Map<String, Object> body = new LinkedHashMap<>();
        private @Nullable List<Map<String, Object>> labels;

        private Builder(String linkedAccountId, String slug) {
            this.linkedAccountId = linkedAccountId;
            body.put("slug", slug);
        }

        /** The config's id (several per account and app); none = {@code default}. */
        public Builder configId(String configId) {
            body.put("config_id", configId);
            return this;
        }

        /** Adds a label: {@code value} is a String or a Number. */
        public Builder label(String name, Object value) {
            if (!(value instanceof String || value instanceof Number)) {
                throw new IllegalArgumentException("a label's value is a String or a Number");
            }
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", name);
            l.put("value", value);
            labels().add(l);
            return this;
        }

        /** Sends an empty label list, which removes the stored labels. */
        public Builder clearLabels() {
            labels();
            return this;
        }

        private List<Map<String, Object>> labels() {
            if (labels == null) {
                labels = new ArrayList<>();
            }
            return labels;
        }

        /** The params. */
        public ConfigParams build() {
            Map<String, Object> out = new LinkedHashMap<>(body);
            if (labels != null) {
                out.put("labels", List.copyOf(labels));
            }
            return new ConfigParams(linkedAccountId, out);
        }
    }
}
