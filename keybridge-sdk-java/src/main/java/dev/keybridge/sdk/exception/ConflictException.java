package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/** The request conflicts with what exists (409), e.g. {@code linked_account_exists}. */
public class ConflictException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public ConflictException(String message, int httpStatus, String error, @Nullable String errorType,
                             @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId);
    }
}
