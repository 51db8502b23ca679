package dev.keybridge.sdk;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per-call settings: your own {@code Idempotency-Key} (otherwise the SDK makes one for each write that
 * supports it, and keeps it across that write's retries), extra headers, a timeout and a retry count
 * that replace the client's. {@link #toString()} shows header names only.
 */
public final class RequestOptions {

    /** No per-call settings. */
    public static final RequestOptions NONE = builder().build();

    private final @Nullable String idempotencyKey;
    private final Map<String, String> headers;
    private final @Nullable Duration timeout;
    private final @Nullable Integer maxRetries;

    private RequestOptions(Builder b) {
        this.idempotencyKey = b.idempotencyKey;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
    }

    /** A builder of options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options with just this idempotency key. */
    public static RequestOptions idempotencyKey(String key) {
        return builder().idempotencyKey(key).build();
    }

    /** The key to send, or null to let the SDK choose. */
    public @Nullable String idempotencyKey() {
        return idempotencyKey;
    }

    /** Extra headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The timeout for this call, or null for the client's. */
    public @Nullable Duration timeout() {
        return timeout;
    }

    /** Retries for this call, or null for the client's. */
    public @Nullable Integer maxRetries() {
        return maxRetries;
    }

    @Override
    public String toString() {
        return "RequestOptions[idempotencyKey=" + (idempotencyKey == null ? "auto" : "set") + ", headers="
                + headers.keySet() + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
    }

    /** Builds {@link RequestOptions}. */
    public static final class Builder {
        private @Nullable String idempotencyKey;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable Duration timeout;
        private @Nullable Integer maxRetries;

        private Builder() {}

        /** The {@code Idempotency-Key} to send (1–255 printable ASCII characters). */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /** An extra header. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** The time allowed for each attempt of this call. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How many times this call may be retried (0 = never). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** The options. */
        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
