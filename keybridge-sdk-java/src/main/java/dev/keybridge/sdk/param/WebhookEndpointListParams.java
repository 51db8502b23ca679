package dev.keybridge.sdk.param;

import java.util.LinkedHashMap;
import java.util.Map;

/** Page size and start of a webhook endpoint listing ({@code GET /api/v2/public/webhook}). */
public final class WebhookEndpointListParams {

    private final Map<String, String> query;

    private WebhookEndpointListParams(Map<String, String> query) {
        this.query = Map.copyOf(query);
    }

    /**
     * A builder; by default 20 per page, from the start.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The query parameters (with the {@code cursor} to start after, when one was given). */
    public Map<String, String> toQuery() {
        return query;
    }

    @Override
    public String toString() {
        return "WebhookEndpointListParams" + query;
    }

    /** Builds {@link WebhookEndpointListParams}. */
    public static final class Builder {
        private final Map<String, String> query = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Items per page (1–100).
         *
         * @param limit the page size
         * @return this builder
         */
        public Builder limit(int limit) {
            query.put("limit", Integer.toString(limit));
            return this;
        }

        /**
         * Starts the listing after a saved {@link dev.keybridge.sdk.Page#nextCursor()} of this list (null or empty:
         * from the start).
         *
         * @param cursor a {@code nextCursor} of this list
         * @return this builder
         */
        public Builder cursor(String cursor) {
            if (cursor == null || cursor.isEmpty()) {
                query.remove("cursor");
            } else {
                query.put("cursor", cursor);
            }
            return this;
        }

        /** The params. */
        public WebhookEndpointListParams build() {
            return new WebhookEndpointListParams(query);
        }
    }
}
