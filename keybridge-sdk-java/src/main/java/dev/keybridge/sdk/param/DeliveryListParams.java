package dev.keybridge.sdk.param;

import java.util.LinkedHashMap;
import java.util.Map;

/** Filters and page size of a delivery-log or attempt listing. */
public final class DeliveryListParams {

    private final Map<String, String> query;

    private DeliveryListParams(Map<String, String> query) {
        this.query = Map.copyOf(query);
    }

    /** A builder; by default 20 per page and no filter. */
    public static Builder builder() {
        return new Builder();
    }

    /** The query parameters (with the {@code cursor} to start after, when one was given). */
    public Map<String, String> toQuery() {
        return query;
    }

    @Override
    public String toString() {
        return "DeliveryListParams" + query;
    }

    /** Builds {@link DeliveryListParams}. */
    public static final class Builder {
        private final Map<String, String> query = new LinkedHashMap<>();

        private Builder() {}

        /** Items per page (1–100). */
        public Builder limit(int limit) {
            query.put("limit", Integer.toString(limit));
            return this;
        }

        /** Only this event's rows. */
        public Builder eventId(String eventId) {
            query.put("event_id", eventId);
            return this;
        }

        /** Deliveries only: {@code pending}, {@code succeeded} or {@code failed}. */
        public Builder status(String status) {
            query.put("status", status);
            return this;
        }

        /** Attempts only: the attempts of one delivery. */
        public Builder deliveryId(String deliveryId) {
            query.put("delivery_id", deliveryId);
            return this;
        }

        /**
         * Starts the listing after a saved cursor: its first page is the one that followed the page whose
         * {@link dev.keybridge.sdk.Page#nextCursor()} this is (auto-paging walks on from there). Null or empty:
         * from the start. A cursor is opaque and belongs to this list; another list's is refused
         * ({@link dev.keybridge.sdk.exception.InvalidRequestException}).
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
        public DeliveryListParams build() {
            return new DeliveryListParams(query);
        }
    }
}
