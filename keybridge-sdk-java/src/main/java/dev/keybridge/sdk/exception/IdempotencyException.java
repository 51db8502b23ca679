package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Idempotency-Key} was used with another request ({@code idempotency_key_reused}, 422), or
 * the first request with it was still running after the SDK's retries ({@code idempotency_key_in_progress}, 409).
 */
public class IdempotencyException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public IdempotencyException(String message, int httpStatus, String error, @Nullable String errorType,
                                @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId);
    }
}
