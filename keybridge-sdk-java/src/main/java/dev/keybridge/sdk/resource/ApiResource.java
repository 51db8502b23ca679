package dev.keybridge.sdk.resource;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.sdk.KeybridgeResponse;
import dev.keybridge.sdk.Page;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.net.Requester;
import dev.keybridge.sdk.net.Requester.Safety;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Base of every resource: the calls of one part of the API, over a shared {@link Requester}. This is
 * the extension point for parts of the API the SDK does not cover (or newer than it): extend it, use
 * {@link #call}, {@link #list} and {@link #segment}, and declare each write's {@link Safety}
 * ({@code KEYED} for the writes Keybridge deduplicates by {@code Idempotency-Key}).
 */
public abstract class ApiResource {

    /** The query parameter of cursor lists. */
    protected static final String CURSOR = "cursor";

    /** Sends the calls. */
    protected final Requester requester;

    /** A resource over {@code requester} (take it from {@link dev.keybridge.sdk.Keybridge#requester()}). */
    protected ApiResource(Requester requester) {
        this.requester = requester;
    }

    /**
     * One call whose JSON answer is read as {@code type}.
     *
     * @throws KeybridgeException when the call fails (see its subclasses)
     */
    protected <T> T call(String method, String path, @Nullable Map<String, String> query, @Nullable Object body,
                         Safety safety, @Nullable RequestOptions options, Class<T> type) {
        return requester.request(method, path, query, body, safety, options, type);
    }

    /**
     * A cursor list ({@code docs, hasNextPage, nextCursor}) read as pages of {@code itemType}; the
     * returned page fetches the following ones on demand. A {@value #CURSOR} in {@code query} (a saved
     * {@link Page#nextCursor()}) makes the first page the one after it.
     *
     * @throws KeybridgeException when fetching the first page fails (see its subclasses)
     */
    protected <T> Page<T> list(String path, @Nullable Map<String, String> query, Class<T> itemType,
                               @Nullable RequestOptions options) {
        Map<String, String> q = new LinkedHashMap<>(query == null ? Map.of() : query);
        String start = q.remove(CURSOR);
        return page(path, q, start, requester.json().constructType(itemType), options);
    }

    private <T> Page<T> page(String path, @Nullable Map<String, String> query, @Nullable String cursor,
                             JavaType itemType, @Nullable RequestOptions options) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(CURSOR, cursor == null ? "" : cursor);
        AtomicReference<KeybridgeResponse> answer = new AtomicReference<>();
        JsonNode body = requester.request("GET", path, q, null, Safety.SAFE, capturing(options, answer::set),
                JsonNode.class);
        List<T> items = new ArrayList<>();
        for (JsonNode doc : body.path("docs")) {
            items.add(requester.json().convertValue(doc, itemType));
        }
        JsonNode next = body.get("nextCursor");
        return new Page<>(items, body.path("hasNextPage").asBoolean(false),
                next == null || next.isNull() ? null : next.asText(),
                c -> page(path, query, c, itemType, options), answer.get());
    }

    /** {@code options} (null: none) whose listener also hands the answer to {@code capture}. */
    protected static RequestOptions capturing(@Nullable RequestOptions options, Consumer<KeybridgeResponse> capture) {
        RequestOptions o = options == null ? RequestOptions.NONE : options;
        Consumer<KeybridgeResponse> theirs = o.onResponse();
        return o.toBuilder().onResponse(theirs == null ? capture : r -> {
            capture.accept(r);
            theirs.accept(r);
        }).build();
    }

    /** {@code options} (null: none) with one more header. */
    protected static RequestOptions withHeader(@Nullable RequestOptions options, String name, String value) {
        return (options == null ? RequestOptions.NONE : options).toBuilder().header(name, value).build();
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
