package dev.keybridge.sdk.exception;

/**
 * A webhook request did not verify: no or malformed headers, a signature made with none of the
 * secrets, or a timestamp outside the tolerance window. Answer it with 400 and do not act on it.
 */
public class SignatureVerificationException extends KeybridgeException {

    private static final long serialVersionUID = 1L;

    /** Says what did not match (never the secret or the expected signature). */
    public SignatureVerificationException(String message) {
        super(message, 0, "invalid_signature", null, null, null, null);
    }
}
