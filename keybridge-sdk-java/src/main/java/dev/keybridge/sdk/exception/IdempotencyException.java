package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/**
 * A problem with the {@code Idempotency-Key}. Catch the subclasses to tell the two apart:
 * {@link IdempotencyKeyReusedException} (422 {@code idempotency_key_reused}: the key was used with another
 * request; a bug in the caller, use a new key) and {@link IdempotencyKeyInProgressException} (409
 * {@code idempotency_key_in_progress}: the first request with that key was still running after the SDK's
 * retries; send the same request again later with the same key).
 */
public class IdempotencyException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public IdempotencyException(String message, int httpStatus, String error, @Nullable String errorType,
                                @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId);
    }
}
