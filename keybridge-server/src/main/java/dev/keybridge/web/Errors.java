package dev.keybridge.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/** The concrete errors; construct them with the static factories. */
public final class Errors {

    private Errors() {}

    public static final class InvalidRequest extends ApiException.FixRequest {
        public InvalidRequest(String error, String message) {
            super(400, error, ErrorType.INVALID_REQUEST, message);
        }
    }

    public static final class NotFound extends ApiException.FixRequest {
        public NotFound(String error, String message) {
            super(404, error, ErrorType.NOT_FOUND, message);
        }
    }

    public static final class Conflict extends ApiException.FixRequest {
        public Conflict(String error, @Nullable String message) {
            super(409, error, ErrorType.CONFLICT, message);
        }
    }

    /** A call of the original system that Keybridge deliberately does not implement (501). */
    public static final class NotSupported extends ApiException.FixRequest {
        public NotSupported(String message) {
            super(501, "not_supported", ErrorType.INVALID_REQUEST, message);
        }
    }

    /** The path exists but does not take this method (405); the answer carries {@code Allow} ({@link Routes}). */
    public static final class MethodNotAllowed extends ApiException.FixRequest {
        public MethodNotAllowed(String method, List<HttpMethod> allowed) {
            super(405, "method_not_allowed", ErrorType.INVALID_REQUEST, "Method " + abbreviate(method)
                    + " is not allowed here" + (allowed.isEmpty() ? "." : "; this path takes " + Routes.header(allowed) + "."));
        }
    }

    /**
     * A method this server implements on no path at all (501, RFC 9110 §9.1); the answer carries
     * {@code Allow} when the path is a route.
     */
    public static final class MethodNotImplemented extends ApiException.FixRequest {
        public MethodNotImplemented(String method, List<HttpMethod> allowed) {
            super(501, "method_not_implemented", ErrorType.INVALID_REQUEST, "Method " + abbreviate(method)
                    + " is not implemented by this server" + (allowed.isEmpty() ? "." : "; this path takes "
                    + Routes.header(allowed) + "."));
        }
    }

    /** The request is well formed but cannot be taken as it is (e.g. an idempotency key reused with another body). */
    public static final class Unprocessable extends ApiException.FixRequest {
        public Unprocessable(String error, String message) {
            super(422, error, ErrorType.INVALID_REQUEST, message);
        }
    }

    public static final class PayloadTooLarge extends ApiException.FixRequest {
        public PayloadTooLarge(long limit) {
            super(413, "payload_too_large", ErrorType.INVALID_REQUEST,
                    "The request body is larger than the limit of " + limit + " bytes.");
        }
    }

    public static final class UnsupportedMediaType extends ApiException.FixRequest {
        public UnsupportedMediaType(String message) {
            super(415, "unsupported_media_type", ErrorType.INVALID_REQUEST, message);
        }
    }

    public static final class NotAcceptable extends ApiException.FixRequest {
        public NotAcceptable() {
            super(406, "not_acceptable", ErrorType.INVALID_REQUEST,
                    "This endpoint answers application/json; send an Accept header that allows it (or none).");
        }
    }

    /** Too many requests (or failed authentications); {@code Retry-After} says when to come back. */
    public static final class RateLimited extends ApiException.RetryLater {
        public RateLimited(String message, long retryAfterSeconds) {
            super(429, "rate_limited", ErrorType.RATE_LIMITED, message, retryAfterSeconds);
        }
    }

    public static final class Unauthenticated extends ApiException.Reauthenticate {
        public Unauthenticated(String error, String message) {
            super(401, error, ErrorType.AUTHENTICATION, message);
        }
    }

    public static final class Forbidden extends ApiException.Reauthenticate {
        public Forbidden(String error, String message) {
            super(403, error, ErrorType.AUTHENTICATION, message);
        }
    }

    /**
     * The connection needs the end user to go through Link in update mode (seed 002's 403 body),
     * with the connection's {@code status_reason}.
     */
    public static final class LoginRequired extends ApiException.Reauthenticate {
        private final String reason;

        public LoginRequired(String reason) {
            super(403, "login_required", ErrorType.AUTHENTICATION,
                    "Account link expired. Please go through the integration setup again.");
            this.reason = reason;
        }

        @Override
        public String statusReason() {
            return reason;
        }
    }

    /** The upstream provider could not be reached or answered too slowly. */
    public static final class BadGateway extends ApiException.RetryLater {
        public BadGateway(String error, String message) {
            super(502, error, ErrorType.CONNECTION, message, null);
        }
    }

    /**
     * The server is busy (every database connection stayed in use while the request waited its turn):
     * 503 {@code overloaded} with {@code Retry-After}. Not an outage: the database is there.
     */
    public static final class Overloaded extends ApiException.RetryLater {
        public Overloaded(String message, long retryAfterSeconds) {
            super(503, "overloaded", ErrorType.INTERNAL, message, retryAfterSeconds);
        }
    }

    public static final class Unavailable extends ApiException.RetryLater {
        public Unavailable(String error, String message, @Nullable Long retryAfterSeconds) {
            super(503, error, ErrorType.INTERNAL, message, retryAfterSeconds);
        }
    }

    public static InvalidRequest invalid(String message) {
        return new InvalidRequest("invalid_request", message);
    }

    public static NotFound notFound(String what, String id) {
        return new NotFound("not_found", "No " + what + " with id '" + id + "'.");
    }

    public static Unauthenticated unauthenticated(String message) {
        return new Unauthenticated("unauthorized", message);
    }

    /** A method name as sent, cut short for a message (the container lets any token through, however long). */
    private static String abbreviate(String method) {
        return method.length() > 32 ? method.substring(0, 32) + "…" : method;
    }
}
