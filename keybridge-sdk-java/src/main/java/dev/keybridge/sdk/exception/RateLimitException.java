package dev.keybridge.sdk.exception;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Too many requests (429), still so after the SDK's retries: wait {@link #retryAfter()} and try again. */
public class RateLimitException extends KeybridgeException {

    private static final long serialVersionUID = 1L;

    private final @Nullable Duration retryAfter;

    /** Made by the SDK from Keybridge's error answer. */
    public RateLimitException(String message, int httpStatus, String error, @Nullable String errorType,
                              @Nullable String requestId, @Nullable Duration retryAfter) {
        super(message, httpStatus, error, errorType, null, requestId, null);
        this.retryAfter = retryAfter;
    }

    /** What the {@code Retry-After} header asked for, or null. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
