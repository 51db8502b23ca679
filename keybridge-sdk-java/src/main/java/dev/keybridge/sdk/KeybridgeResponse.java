package dev.keybridge.sdk;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What Keybridge answered to one successful call, beside the model the call returns: the status, the
 * {@code x-request-id} to quote when asking for help (errors carry it in
 * {@link dev.keybridge.sdk.exception.KeybridgeException#requestId()}), whether the answer was replayed for an
 * {@code Idempotency-Key} and the headers. stripe-java's {@code getLastResponse()}, for immutable models: receive
 * it with a listener, per call ({@link RequestOptions.Builder#onResponse}) or for every call of a client
 * ({@link Keybridge.Builder#onResponse}); a {@link Page} keeps its own ({@link Page#lastResponse()}).
 *
 * <pre>{@code
 * AtomicReference<KeybridgeResponse> last = new AtomicReference<>();
 * LinkedAccount a = keybridge.linkedAccounts().retrieve("account:1",
 *         RequestOptions.builder().onResponse(last::set).build());
 * log.info("read {} (request {})", a.accountId(), last.get().requestId());
 * }</pre>
 *
 * It holds no body and no request header, so no credential; {@link #toString()} shows the call, the status and
 * the request id only.
 */
public final class KeybridgeResponse {

    /** The header that carries the request id. */
    public static final String REQUEST_ID_HEADER = "x-request-id";
    /** The header Keybridge adds to an answer replayed for an {@code Idempotency-Key}. */
    public static final String REPLAYED_HEADER = "idempotent-replayed";

    private final String method;
    private final String path;
    private final int status;
    private final Map<String, List<String>> headers;
    private final int attempts;

    /**
     * An answer.
     *
     * @param method   the call's method
     * @param path     the call's path (no query, no host)
     * @param status   the HTTP status
     * @param headers  the answer's headers
     * @param attempts how many attempts the call took (1 when it was not retried)
     */
    public KeybridgeResponse(String method, String path, int status, Map<String, List<String>> headers, int attempts) {
        this.method = method;
        this.path = path;
        this.status = status;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null) {
                h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
            }
        });
        this.headers = Collections.unmodifiableMap(h);
        this.attempts = attempts;
    }

    /** The id Keybridge gave the request ({@code x-request-id}), or null when the answer had none. */
    public @Nullable String requestId() {
        return header(REQUEST_ID_HEADER).orElse(null);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The call's method. */
    public String method() {
        return method;
    }

    /** The call's path, e.g. {@code /api/v2/public/linked-account/account%3A1}. */
    public String path() {
        return path;
    }

    /** How many attempts the call took: 1, or more when the SDK retried it. */
    public int attempts() {
        return attempts;
    }

    /**
     * Whether this is the stored answer of an earlier request with the same {@code Idempotency-Key}
     * ({@code Idempotent-Replayed: true}): Keybridge did not act again.
     */
    public boolean idempotentReplayed() {
        return header(REPLAYED_HEADER).map("true"::equalsIgnoreCase).orElse(false);
    }

    /** Every header of the answer; look names up in any case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name}. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    @Override
    public String toString() {
        return "KeybridgeResponse[" + method + " " + path + " -> " + status + ", request_id=" + requestId()
                + (attempts > 1 ? ", attempts=" + attempts : "") + (idempotentReplayed() ? ", replayed" : "") + "]";
    }
}
