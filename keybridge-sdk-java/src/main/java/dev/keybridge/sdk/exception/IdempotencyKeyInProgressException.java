package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/**
 * 409 {@code idempotency_key_in_progress}: the first request with this {@code Idempotency-Key} was still running
 * (the SDK retried while retries lasted). It may yet act: send the same request with the same key again later,
 * and you get its answer once it is done — never a second action.
 */
public class IdempotencyKeyInProgressException extends IdempotencyException {

    private static final long serialVersionUID = 1L;

    /** The error code. */
    public static final String ERROR = "idempotency_key_in_progress";

    /** Made by the SDK from Keybridge's error answer. */
    public IdempotencyKeyInProgressException(String message, int httpStatus, String error, @Nullable String errorType,
                                             @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId);
    }
}
