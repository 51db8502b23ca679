package dev.keybridge.sdk.exception;

/** No such object in this organization and environment (404). */
public class NotFoundException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public NotFoundException(String message, int httpStatus, String error, String errorType, String statusReason, String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId);
    }
}
