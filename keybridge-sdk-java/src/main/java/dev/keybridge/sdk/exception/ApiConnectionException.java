package dev.keybridge.sdk.exception;

/**
 * Keybridge could not be reached or did not answer in time, after the SDK's retries. A write may or may
 * not have happened: send it again with the same {@code Idempotency-Key} to be sure it happens once.
 */
public class ApiConnectionException extends KeybridgeException {

    private static final long serialVersionUID = 1L;

    /** Wraps the transport's failure (its message never holds a credential). */
    public ApiConnectionException(String message, Throwable cause) {
        super(message, 0, null, "connection", null, null, cause);
    }
}
