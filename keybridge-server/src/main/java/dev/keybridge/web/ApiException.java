package dev.keybridge.web;

import org.jspecify.annotations.Nullable;

/**
 * Every error a caller can see. The three branches say what the caller should do:
 * {@link FixRequest} (change the request), {@link Reauthenticate} (present other credentials or
 * send the end user through Link again) and {@link RetryLater} (the same request may work later).
 * {@link ApiExceptionHandler} maps them to the wire shape in one place.
 */
public abstract sealed class ApiException extends RuntimeException
        permits ApiException.FixRequest, ApiException.Reauthenticate, ApiException.RetryLater {

    private final int status;
    private final String error;
    private final ErrorType type;

    ApiException(int status, String error, ErrorType type, @Nullable String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public ErrorType type() {
        return type;
    }

    /** Extra reason shown beside the error (e.g. a connection's status reason), or null. */
    public @Nullable String statusReason() {
        return null;
    }

    /** The request is wrong: fixing it is the only way forward. */
    public abstract static non-sealed class FixRequest extends ApiException {
        protected FixRequest(int status, String error, ErrorType type, @Nullable String message) {
            super(status, error, type, message);
        }
    }

    /** The credential presented does not (or no longer) work. */
    public abstract static non-sealed class Reauthenticate extends ApiException {
        protected Reauthenticate(int status, String error, ErrorType type, @Nullable String message) {
            super(status, error, type, message);
        }
    }

    /** A passing condition: the same request may succeed later. */
    public abstract static non-sealed class RetryLater extends ApiException {
        private final @Nullable Long retryAfterSeconds;

        protected RetryLater(int status, String error, ErrorType type, @Nullable String message,
                             @Nullable Long retryAfterSeconds) {
            super(status, error, type, message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public @Nullable Long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
