package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/**
 * Base of every error the SDK throws. The subclasses say what the caller should do:
 * <ul>
 * <li>fix the request: {@link InvalidRequestException} (and {@link NotFoundException},
 * {@link ConflictException}, {@link IdempotencyException} and its {@link IdempotencyKeyReusedException} and
 * {@link IdempotencyKeyInProgressException});</li>
 * <li>present other credentials: {@link AuthenticationException};</li>
 * <li>send the end user through Link in update mode: {@link LoginRequiredException};</li>
 * <li>try again later: {@link RateLimitException}, {@link ApiConnectionException}, {@link ApiException};</li>
 * <li>refuse a webhook: {@link SignatureVerificationException}.</li>
 * </ul>
 * Each carries what Keybridge answered: the HTTP status, the {@code error} code, the {@code error_type}
 * family, the connection's {@code status_reason} (when a connection is involved) and the
 * {@code request_id} to quote when asking for help. None of them ever holds a credential.
 */
public abstract class KeybridgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final @Nullable String error;
    private final @Nullable String errorType;
    private final @Nullable String statusReason;
    private final @Nullable String requestId;

    protected KeybridgeException(String message, int httpStatus, @Nullable String error, @Nullable String errorType,
                                 @Nullable String statusReason, @Nullable String requestId, @Nullable Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.error = error;
        this.errorType = errorType;
        this.statusReason = statusReason;
        this.requestId = requestId;
    }

    /** The HTTP status Keybridge answered, or 0 when no answer came (network error, bad signature). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The machine-readable error code, e.g. {@code login_required} or {@code linked_account_exists}. */
    public @Nullable String error() {
        return error;
    }

    /** The family of the error: {@code invalid_request}, {@code authentication}, {@code not_found}, … */
    public @Nullable String errorType() {
        return errorType;
    }

    /** Why a connection is unusable ({@code otp_expired}, {@code password_expired}, …), or null. */
    public @Nullable String statusReason() {
        return statusReason;
    }

    /** The id of the request at Keybridge (header and body {@code request_id}), or null. */
    public @Nullable String requestId() {
        return requestId;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(getClass().getSimpleName()).append(": ").append(getMessage());
        if (httpStatus > 0) {
            b.append(" (status ").append(httpStatus);
            if (error != null) {
                b.append(", error ").append(error);
            }
            if (statusReason != null) {
                b.append(", status_reason ").append(statusReason);
            }
            if (requestId != null) {
                b.append(", request_id ").append(requestId);
            }
            b.append(')');
        }
        return b.toString();
    }
}
