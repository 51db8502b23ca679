package dev.keybridge.sdk.net;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request as the transport sends it. The headers hold the credential: {@link #toString()} shows
 * only the method and URI.
 */
public final class TransportRequest {

    private final String method;
    private final URI uri;
    private final Map<String, String> headers;
    private final byte @Nullable [] body;
    private final Duration timeout;

    /** A request; {@code body} may be null (none). */
    public TransportRequest(String method, URI uri, Map<String, String> headers, byte @Nullable [] body,
                            Duration timeout) {
        this.method = method;
        this.uri = uri;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
        this.timeout = timeout;
    }

    /** {@code GET}, {@code POST}, … */
    public String method() {
        return method;
    }

    /** The absolute URI, query included. */
    public URI uri() {
        return uri;
    }

    /** Every header to send, credentials included. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body, or null for none. */
    public byte @Nullable [] body() {
        return body;
    }

    /** The time allowed for the whole exchange. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
