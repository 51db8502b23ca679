package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/** The credential is missing, wrong, revoked or not allowed here (401, 403): present another one. */
public class AuthenticationException extends KeybridgeException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public AuthenticationException(String message, int httpStatus, String error, @Nullable String errorType,
                                   @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId, null);
    }
}
