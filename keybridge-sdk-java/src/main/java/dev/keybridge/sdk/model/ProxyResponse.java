package dev.keybridge.sdk.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's own answer to a call sent through the proxy, passed through unchanged (status, headers,
 * body) — including the app's 4xx/5xx. Keybridge's own refusals (e.g. {@code login_required}), marked
 * with the {@code x-keybridge-error} header, are thrown instead.
 *
 * @param status  the app's HTTP status
 * @param headers the app's headers (lower-case names)
 * @param body    the app's body
 */
public record ProxyResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** The body as UTF-8 text. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of header {@code name}. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** Whether the status is 2xx. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "ProxyResponse[status=" + status + ", " + body.length + " bytes]";
    }
}
