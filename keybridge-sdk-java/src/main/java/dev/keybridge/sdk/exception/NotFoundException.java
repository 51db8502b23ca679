package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/** No such object in this organization and environment (404). */
public class NotFoundException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public NotFoundException(String message, int httpStatus, String error, @Nullable String errorType,
                             @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId);
    }
}
