package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/** The request is wrong (400, 413, 422 and the subclasses): change it; sending it again will fail again. */
public class InvalidRequestException extends KeybridgeException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public InvalidRequestException(String message, int httpStatus, String error, @Nullable String errorType,
                                   @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId, null);
    }
}
