package dev.keybridge.sdk.exception;

/** Keybridge could not answer (5xx, after the SDK's retries): the same request may work later. */
public class ApiException extends KeybridgeException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public ApiException(String message, int httpStatus, String error, String errorType, String statusReason, String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId, null);
    }
}
