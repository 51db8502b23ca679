package dev.keybridge.sdk.param;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of a webhook endpoint create or update; fields not set are not sent (kept by an update). */
public final class WebhookEndpointParams {

    private final Map<String, Object> body;

    private WebhookEndpointParams(Map<String, Object> body) {
        this.body = Map.copyOf(body);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The JSON body. */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    public String toString() {
        return "WebhookEndpointParams" + body;
    }

    /** Builds {@link WebhookEndpointParams}. */
    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>();

        private Builder() {}

        /** Absolute http(s) URL that receives events. */
        public Builder url(String url) {
            body.put("webhook_url", url);
            return this;
        }

        /** Event types to receive; none = every type. */
        public Builder events(String... types) {
            body.put("webhook_events", List.of(types));
            return this;
        }

        /** Whether it receives events. */
        public Builder enabled(boolean enabled) {
            body.put("is_enabled", enabled);
            return this;
        }

        /** The params. */
        public WebhookEndpointParams build() {
            return new WebhookEndpointParams(body);
        }
    }
}
