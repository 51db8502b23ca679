package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/** Keybridge could not answer (5xx, after the SDK's retries): the same request may work later. */
public class ApiException extends KeybridgeException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public ApiException(String message, int httpStatus, String error, @Nullable String errorType,
                        @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId, null);
    }
}
