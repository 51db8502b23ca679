package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/**
 * 422 {@code idempotency_key_reused}: this {@code Idempotency-Key} was already used with another request
 * (method, path or body). Keybridge did nothing; sending it again fails again. Use a new key for a new request
 * (the SDK makes a fresh one per call unless you pass your own).
 */
public class IdempotencyKeyReusedException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    /** The error code. */
    public static final String ERROR = "idempotency_key_reused";

    /** Made by the SDK from Keybridge's error answer. */
    public IdempotencyKeyReusedException(String message, int httpStatus, String error, @Nullable String errorType,
                                         @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId);
    }
}
