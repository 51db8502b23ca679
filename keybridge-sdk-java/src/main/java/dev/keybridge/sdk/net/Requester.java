package dev.keybridge.sdk.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.sdk.KeybridgeResponse;
import dev.keybridge.sdk.RequestOptions;
import dev.keybridge.sdk.exception.ApiConnectionException;
import dev.keybridge.sdk.exception.ApiException;
import dev.keybridge.sdk.exception.KeybridgeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Sends API calls: adds the credential, JSON and an {@code Idempotency-Key}, retries what is safe to
 * retry, and turns Keybridge's errors into exceptions. Resources (and extension resources, see
 * {@link dev.keybridge.sdk.resource.ApiResource}) call it; applications use the resources.
 *
 * <p>What is retried ({@link RetryPolicy} says how long to wait): a refused connection always; a
 * network error or timeout, a 5xx and a 409 {@code idempotency_key_in_progress} when the call is
 * {@link Safety#SAFE} or {@link Safety#KEYED}; a 429 always; Keybridge's own 503 {@code token_refreshed}
 * always. A {@code KEYED} call gets one generated key that all of its attempts share, so Keybridge
 * acts once however many attempts reach it.
 *
 * <p>Each answer it returns (not the ones it throws) is handed as a {@link KeybridgeResponse} to the client's
 * listener, then to the call's ({@link RequestOptions#onResponse()}).
 */
public final class Requester {

    /** How safe it is to send a call again when its first attempt's fate is unknown. */
    public enum Safety {
        /** Reads, upserts, deletes: sending twice is harmless. */
        SAFE,
        /** Writes Keybridge deduplicates with an {@code Idempotency-Key} (generated per call unless given). */
        KEYED,
        /** Writes that could act twice: retried only when Keybridge surely did not act (refused connection, 429). */
        UNSAFE
    }

    /** User-Agent of every request. */
    public static final String USER_AGENT = "keybridge-sdk-java/0.1.0";

    private final URI base;
    private final Credentials credentials;
    private final HttpTransport transport;
    private final Duration timeout;
    private final RetryPolicy retries;
    private final ObjectMapper json;
    private final ErrorMapper errors;
    private final @Nullable Consumer<KeybridgeResponse> onResponse;

    /** A requester for one base URL and credential. */
    public Requester(URI base, Credentials credentials, HttpTransport transport, Duration timeout, RetryPolicy retries,
                     ObjectMapper json) {
        this(base, credentials, transport, timeout, retries, json, null);
    }

    /** A requester for one base URL and credential whose answers also go to {@code onResponse} (null: none). */
    public Requester(URI base, Credentials credentials, HttpTransport transport, Duration timeout, RetryPolicy retries,
                     ObjectMapper json, @Nullable Consumer<KeybridgeResponse> onResponse) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.credentials = credentials;
        this.transport = transport;
        this.timeout = timeout;
        this.retries = retries;
        this.json = json;
        this.errors = new ErrorMapper(json);
        this.onResponse = onResponse;
    }

    /** The JSON mapper the SDK reads and writes with. */
    public ObjectMapper json() {
        return json;
    }

    /**
     * Sends a call and reads its JSON answer as {@code type}; any error status throws.
     *
     * @throws KeybridgeException when the call fails: the subclass says what to do
     *         ({@link dev.keybridge.sdk.exception.InvalidRequestException}, {@link dev.keybridge.sdk.exception.AuthenticationException},
     *         {@link dev.keybridge.sdk.exception.RateLimitException}, {@link ApiConnectionException}, …)
     */
    public <T> T request(String method, String path, @Nullable Map<String, String> query, @Nullable Object body,
                         Safety safety, @Nullable RequestOptions options, Class<T> type) {
        return read(send(method, path, query, body, safety, options, false), json.constructType(type));
    }

    /**
     * Like {@link #request(String, String, Map, Object, Safety, RequestOptions, Class)} for generic types.
     *
     * @throws KeybridgeException when the call fails (see {@link #request(String, String, Map, Object, Safety,
     *         RequestOptions, Class)})
     */
    public <T> T request(String method, String path, @Nullable Map<String, String> query, @Nullable Object body,
                         Safety safety, @Nullable RequestOptions options, TypeReference<T> type) {
        return read(send(method, path, query, body, safety, options, false), json.constructType(type));
    }

    /**
     * Sends a call and returns the raw answer. With {@code passUpstreamErrors}, only Keybridge's own errors throw
     * (those marked with the {@code x-keybridge-error} header; the proxy passes the upstream's 4xx/5xx through
     * without it); otherwise any status ≥ 400 throws.
     *
     * @throws KeybridgeException when the call fails (with {@code passUpstreamErrors}, only for Keybridge's own
     *         errors and network failures)
     */
    public TransportResponse send(String method, String path, @Nullable Map<String, String> query,
                                  @Nullable Object body, Safety safety, @Nullable RequestOptions options,
                                  boolean passUpstreamErrors) {
        RequestOptions o = options == null ? RequestOptions.NONE : options;
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("user-agent", USER_AGENT);
        headers.put("accept", "application/json");
        headers.putAll(credentials.headers());
        byte[] bytes = body == null ? null : serialize(body);
        if (bytes != null && !o.headers().containsKey("content-type")) {
            headers.put("content-type", "application/json");
        }
        String key = o.idempotencyKey() != null ? o.idempotencyKey()
                : safety == Safety.KEYED ? "kbsdk_" + UUID.randomUUID() : null;
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        headers.putAll(o.headers());
        TransportRequest request = new TransportRequest(method, uri(path, query), headers, bytes,
                o.timeout() != null ? o.timeout() : timeout);
        RetryPolicy policy = o.maxRetries() != null ? retries.withMaxRetries(o.maxRetries()) : retries;
        return execute(request, safety, policy, passUpstreamErrors, o, path);
    }

    private void notify(RequestOptions o, String method, String path, TransportResponse r, int attempts) {
        if (onResponse == null && o.onResponse() == null) {
            return;
        }
        KeybridgeResponse response = new KeybridgeResponse(method, path, r.status(), r.headers(), attempts);
        if (onResponse != null) {
            onResponse.accept(response);
        }
        if (o.onResponse() != null) {
            o.onResponse().accept(response);
        }
    }

    private TransportResponse execute(TransportRequest request, Safety safety, RetryPolicy policy, boolean passUpstream,
                                      RequestOptions o, String path) {
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= policy.maxRetries();
            TransportResponse r;
            try {
                r = transport.send(request);
            } catch (IOException e) {
                boolean retry = !last && (e instanceof ConnectException || safety != Safety.UNSAFE);
                if (!retry) {
                    throw new ApiConnectionException("Could not reach Keybridge for " + request + ": "
                            + e.getClass().getSimpleName(), e);
                }
                pause(Objects.requireNonNull(policy.delay(attempt, null), "no Retry-After: always a wait"));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiConnectionException("Interrupted while calling Keybridge for " + request, e);
            }
            if (r.status() < 400 || passUpstream && !ErrorMapper.marked(r)) {
                // a success, or the upstream's own error answer passed through the proxy
                notify(o, request.method(), path, r, attempt + 1);
                return r;
            }
            String code = ErrorMapper.code(r, errors.keybridgeError(r));
            if (!last && retryable(r, code, safety)) {
                Duration wait = policy.delay(attempt, r.header("retry-after").orElse(null));
                if (wait != null) {
                    pause(wait);
                    continue;
                }
            }
            throw errors.toException(r);
        }
    }

    private static boolean retryable(TransportResponse r, String code, Safety safety) {
        if (r.status() == 429 || "token_refreshed".equals(code)) {
            return true;
        }
        if (safety == Safety.UNSAFE) {
            return false;
        }
        return r.status() >= 500 || "idempotency_key_in_progress".equals(code);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while waiting to retry", e);
        }
    }

    private URI uri(String path, @Nullable Map<String, String> query) {
        StringBuilder b = new StringBuilder(base.toString()).append(path);
        if (query != null && !query.isEmpty()) {
            char sep = '?';
            for (Map.Entry<String, String> e : query.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
                sep = '&';
            }
        }
        return URI.create(b.toString());
    }

    /** One path segment or query value, percent-encoded. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private byte[] serialize(Object body) {
        if (body instanceof byte[]) {
            return (byte[]) body;
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The request body cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private <T> T read(TransportResponse r, JavaType type) {
        try {
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new KeybridgeUnreadable(r, e);
        }
    }

    /** An answer the SDK could not read (a server that is not Keybridge, or a newer, incompatible one). */
    static final class KeybridgeUnreadable extends ApiException {
        private static final long serialVersionUID = 1L;

        KeybridgeUnreadable(TransportResponse r, IOException e) {
            super("The answer could not be read: " + e.getClass().getSimpleName(), r.status(), "unreadable_response",
                    null, null, r.header("x-request-id").orElse(null));
        }
    }

    @Override
    public String toString() {
        return "Requester[" + base + ", " + credentials + "]";
    }
}
