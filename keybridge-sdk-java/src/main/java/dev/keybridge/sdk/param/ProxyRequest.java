package dev.keybridge.sdk.param;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A call to an app's API sent through {@code /v1/proxy}: Keybridge injects the connection's
 * credential. Name the connection by access token, or by linked account and app slug.
 * {@link #toString()} shows neither the access token nor the headers' values.
 */
public final class ProxyRequest {

    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final byte @Nullable [] body;

    private ProxyRequest(Builder b) {
        this.method = b.method;
        this.path = b.path.startsWith("/") ? b.path.substring(1) : b.path;
        this.query = Map.copyOf(b.query);
        this.headers = Map.copyOf(b.headers);
        this.body = b.body;
    }

    /** A {@code method} call to {@code path} (relative to the app's API base URL). */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }

    /** The path relative to the app's API base URL, without a leading slash. */
    public String path() {
        return path;
    }

    /** Query parameters. */
    public Map<String, String> query() {
        return query;
    }

    /** Headers (routing headers included). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body, or null. */
    public byte @Nullable [] body() {
        return body;
    }

    @Override
    public String toString() {
        return "ProxyRequest[" + method + " " + path + ", headers=" + headers.keySet() + "]";
    }

    /** Builds {@link ProxyRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte @Nullable [] body;

        private Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** The connection of this access token. */
        public Builder accessToken(String accessToken) {
            headers.put("access_token", accessToken);
            return this;
        }

        /** The connection of this linked account to app {@code slug}. */
        public Builder connection(String linkedAccountId, String slug) {
            headers.put("linked_account_id", linkedAccountId);
            headers.put("slug", slug);
            return this;
        }

        /** A query parameter. */
        public Builder query(String name, String value) {
            query.put(name, value);
            return this;
        }

        /** A header passed to the app. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A body with its content type. */
        public Builder body(byte[] body, String contentType) {
            this.body = body;
            headers.put("content-type", contentType);
            return this;
        }

        /** A JSON text body. */
        public Builder jsonBody(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        /** The request. */
        public ProxyRequest build() {
            return new ProxyRequest(this);
        }
    }
}
