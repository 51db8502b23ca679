package dev.keybridge.sdk.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.sdk.exception.ApiException;
import dev.keybridge.sdk.exception.AuthenticationException;
import dev.keybridge.sdk.exception.ConflictException;
import dev.keybridge.sdk.exception.IdempotencyException;
import dev.keybridge.sdk.exception.IdempotencyKeyInProgressException;
import dev.keybridge.sdk.exception.IdempotencyKeyReusedException;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.LoginRequiredException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.exception.RateLimitException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Turns Keybridge's error shape ({@code success, error, message, error_type, status_reason, request_id}) into an
 * exception, and tells Keybridge's own errors from an upstream's passed through the proxy: Keybridge marks each
 * of its error answers with {@value #MARKER}{@code : <error code>}, the proxy never lets an upstream's through.
 */
final class ErrorMapper {

    /** The header that marks an error answer as Keybridge's own (valued with its {@code error} code). */
    static final String MARKER = "x-keybridge-error";

    private final ObjectMapper json;

    ErrorMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Whether this error answer is Keybridge's own (marked), not an upstream's passed through the proxy. */
    static boolean marked(TransportResponse r) {
        return r.header(MARKER).isPresent();
    }

    /** The error code: the body's {@code error}, else the marker's value, else {@code http_<status>}. */
    static String code(TransportResponse r, @Nullable JsonNode body) {
        if (body != null) {
            return body.path("error").asText();
        }
        return r.header(MARKER).filter(v -> !v.isBlank()).orElse("http_" + r.status());
    }

    /** The error body if this answer is in Keybridge's error shape, else null. */
    @Nullable JsonNode keybridgeError(TransportResponse r) {
        if (r.status() < 400 || r.body().length == 0 || r.body()[0] != '{') {
            return null;
        }
        try {
            JsonNode n = json.readTree(r.body());
            boolean ours = n.path("success").isBoolean() && !n.path("success").asBoolean()
                    && n.path("error").isTextual() && n.has("error_type");
            return ours ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    KeybridgeException toException(TransportResponse r) {
        JsonNode body = keybridgeError(r);
        int status = r.status();
        String error = code(r, body);
        String message = body == null || !body.path("message").isTextual()
                ? "Keybridge answered HTTP " + status + "." : body.path("message").asText();
        String type = body == null ? null : text(body, "error_type");
        String reason = body == null ? null : text(body, "status_reason");
        String requestId = body != null && text(body, "request_id") != null ? text(body, "request_id")
                : r.header("x-request-id").orElse(null);
        if ("login_required".equals(error)) {
            return new LoginRequiredException(message, status, error, type, reason, requestId);
        }
        if (IdempotencyKeyReusedException.ERROR.equals(error)) {
            return new IdempotencyKeyReusedException(message, status, error, type, reason, requestId);
        }
        if (IdempotencyKeyInProgressException.ERROR.equals(error)) {
            return new IdempotencyKeyInProgressException(message, status, error, type, reason, requestId);
        }
        if (error.startsWith("idempotency_key_")) {     // a newer code this SDK does not know yet
            return new IdempotencyException(message, status, error, type, reason, requestId);
        }
        switch (status) {
            case 401:
            case 403:
                return new AuthenticationException(message, status, error, type, reason, requestId);
            case 404:
                return new NotFoundException(message, status, error, type, reason, requestId);
            case 409:
                return new ConflictException(message, status, error, type, reason, requestId);
            case 429:
                return new RateLimitException(message, status, error, type, requestId,
                        RetryPolicy.parseRetryAfter(r.header("retry-after").orElse(null)));
            default:
                if (status >= 500) {
                    return new ApiException(message, status, error, type, reason, requestId);
                }
                return new InvalidRequestException(message, status, error, type, reason, requestId);
        }
    }

    private static @Nullable String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
