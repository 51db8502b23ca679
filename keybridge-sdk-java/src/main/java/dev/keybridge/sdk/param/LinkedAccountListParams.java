package dev.keybridge.sdk.param;

import java.util.LinkedHashMap;
import java.util.Map;

/** Filters and page size of a linked-account listing (cursor mode; auto-paging walks the rest). */
public final class LinkedAccountListParams {

    private final Map<String, String> query;

    private LinkedAccountListParams(Map<String, String> query) {
        this.query = Map.copyOf(query);
    }

    /** A builder; by default 10 per page and no filter. */
    public static Builder builder() {
        return new Builder();
    }

    /** The query parameters (with the {@code cursor} to start after, when one was given). */
    public Map<String, String> toQuery() {
        return query;
    }

    @Override
    public String toString() {
        return "LinkedAccountListParams" + query;
    }

    /** Builds {@link LinkedAccountListParams}. */
    public static final class Builder {
        private final Map<String, String> query = new LinkedHashMap<>();

        private Builder() {}

        /** Items per page (1–100). */
        public Builder limit(int limit) {
            query.put("limit", Integer.toString(limit));
            return this;
        }

        /** Only the account with exactly this id. */
        public Builder linkedAccountId(String id) {
            query.put("linked_account_id", id);
            return this;
        }

        /** Only accounts whose id starts with this. */
        public Builder linkedAccountIdPrefix(String prefix) {
            query.put("linked_account_id_prefix", prefix);
            return this;
        }

        /** Only accounts whose name starts with this. */
        public Builder namePrefix(String prefix) {
            query.put("name_prefix", prefix);
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
        public LinkedAccountListParams build() {
            return new LinkedAccountListParams(query);
        }
    }
}
