package dev.keybridge.sdk;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Per-call settings: your own {@code Idempotency-Key} (otherwise the SDK makes one for each write that
 * supports it, and keeps it across that write's retries), extra headers, a timeout and a retry count
 * that replace the client's, and a listener that receives the call's {@link KeybridgeResponse} (its request
 * id above all). Every method of every resource that calls the API has an overload that takes them.
 * {@link #toString()} shows header names only.
 */
public final class RequestOptions {

    /** No per-call settings. */
    public static final RequestOptions NONE = builder().build();

    private final @Nullable String idempotencyKey;
    private final Map<String, String> headers;
    private final @Nullable Duration timeout;
    private final @Nullable Integer maxRetries;
    private final @Nullable Consumer<KeybridgeResponse> onResponse;

    private RequestOptions(Builder b) {
        this.idempotencyKey = b.idempotencyKey;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
        this.onResponse = b.onResponse;
    }

    /**
     * A builder of options.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options with just this idempotency key.
     *
     * @param key the {@code Idempotency-Key} to send
     * @return the options
     */
    public static RequestOptions idempotencyKey(String key) {
        return builder().idempotencyKey(key).build();
    }

    /**
     * A builder that starts from these options (to add a header or a listener to them).
     *
     * @return a builder holding every setting of these options
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.idempotencyKey = idempotencyKey;
        b.headers.putAll(headers);
        b.timeout = timeout;
        b.maxRetries = maxRetries;
        b.onResponse = onResponse;
        return b;
    }

    /**
     * The key to send, or null to let the SDK choose.
     *
     * @return the key or null
     */
    public @Nullable String idempotencyKey() {
        return idempotencyKey;
    }

    /**
     * Extra headers.
     *
     * @return the headers (unmodifiable)
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The timeout for this call, or null for the client's.
     *
     * @return the timeout or null
     */
    public @Nullable Duration timeout() {
        return timeout;
    }

    /**
     * Retries for this call, or null for the client's.
     *
     * @return the retry count or null
     */
    public @Nullable Integer maxRetries() {
        return maxRetries;
    }

    /**
     * The listener of the call's answer, or null.
     *
     * @return the listener or null
     */
    public @Nullable Consumer<KeybridgeResponse> onResponse() {
        return onResponse;
    }

    @Override
    public String toString() {
        return "RequestOptions[idempotencyKey=" + (idempotencyKey == null ? "auto" : "set") + ", headers="
                + headers.keySet() + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + (onResponse == null ? "" : ", onResponse=set") + "]";
    }

    /** Builds {@link RequestOptions}. */
    public static final class Builder {
        private @Nullable String idempotencyKey;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable Duration timeout;
        private @Nullable Integer maxRetries;
        private @Nullable Consumer<KeybridgeResponse> onResponse;

        private Builder() {}

        /**
         * The {@code Idempotency-Key} to send (1–255 printable ASCII characters).
         *
         * @param key the key
         * @return this builder
         */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /**
         * An extra header.
         *
         * @param name  its name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * The time allowed for each attempt of this call.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * How many times this call may be retried (0 = never).
         *
         * @param maxRetries the retry count
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Receives the call's answer when it succeeds (after the client's own listener, on the calling thread;
         * for a list, once per page fetched). An exception it throws reaches the caller.
         *
         * @param listener e.g. {@code last::set} of an {@code AtomicReference<KeybridgeResponse>}
         * @return this builder
         */
        public Builder onResponse(Consumer<KeybridgeResponse> listener) {
            this.onResponse = listener;
            return this;
        }

        /**
         * The options.
         *
         * @return the options
         */
        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
