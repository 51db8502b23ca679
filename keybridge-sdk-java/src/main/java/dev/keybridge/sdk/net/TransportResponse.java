package dev.keybridge.sdk.net;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One answer: status, headers (names compared without case) and the whole body. */
public final class TransportResponse {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    /** An answer; {@code body} may be empty, never null. */
    public TransportResponse(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null) {
                h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
            }
        });
        this.headers = Collections.unmodifiableMap(h);
        this.body = body == null ? new byte[0] : body;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Every header; look names up in any case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name}. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The body bytes. */
    public byte[] body() {
        return body;
    }

    /** The body as UTF-8 text. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TransportResponse[status=" + status + ", " + body.length + " bytes]";
    }
}
