package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.sdk.Page;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Base of every resource: the calls of one part of the API, over a shared {@link Requester}. This is
 * the extension point for parts of the API the SDK does not cover (or newer than it): extend it, use
 * {@link #call}, {@link #list} and {@link #segment}, and declare each write's {@link Safety}
 * ({@code KEYED} for the writes Keybridge deduplicates by {@code Idempotency-Key}).
 */
public abstract class ApiResource {

    /** Sends the calls. */
    protected final Requester requester;

    /** A resource over {@code requester} (take it from {@link dev.keybridge.sdk.Keybridge#requester()}). */
    protected ApiResource(Requester requester) {
        this.requester = requester;
    }

    /** One call whose JSON answer is read as {@code type}. */
    protected <T> T call(String method, String path, @Nullable Map<String, String> query, @Nullable Object body,
                         Safety safety, @Nullable RequestOptions options, Class<T> type) {
        return requester.request(method, path, query, body, safety, options, type);
    }

    /**
     * A cursor list ({@code docs, hasNextPage, nextCursor}) read as pages of {@code itemType}; the
     * returned page fetches the following ones on demand.
     */
    protected <T> Page<T> list(String path, @Nullable Map<String, String> query, Class<T> itemType,
                               @Nullable RequestOptions options) {
        return page(path, query, null, requester.json().constructType(itemType), options);
    }

    private <T> Page<T> page(String path, @Nullable Map<String, String> query, @Nullable String cursor,
                             JavaType itemType, @Nullable RequestOptions options) {
        Map<String, String> q = new LinkedHashMap<>(query == null ? Map.of() : query);
        q.put("cursor", cursor == null ? "" : cursor);
        JsonNode body = requester.request("GET", path, q, null, Safety.SAFE, options, JsonNode.class);
        List<T> items = new ArrayList<>();
        for (JsonNode doc : body.path("docs")) {
            items.add(requester.json().convertValue(doc, itemType));
        }
        JsonNode next = body.get("nextCursor");
        return new Page<>(items, body.path("hasNextPage").asBoolean(false),
                next == null || next.isNull() ? null : next.asText(),
                c -> page(path, query, c, itemType, options));
    }

    /** {@code value} as one percent-encoded path segment. */
    protected static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an id must not be empty");
        }
        return Requester.encode(value);
    }

    /** A one-entry (or empty, for a null value) map, for query parameters and small bodies. */
    protected static Map<String, Object> body(String key, @Nullable Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (value != null) {
            m.put(key, value);
        }
        return m;
    }
}
