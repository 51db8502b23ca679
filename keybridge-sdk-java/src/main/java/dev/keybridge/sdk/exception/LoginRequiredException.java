package dev.keybridge.sdk.exception;

import org.jspecify.annotations.Nullable;

/**
 * The connection's login stopped working (403 {@code login_required}): the end user must go through
 * Link in update mode ({@code keybridge.linkTokens().createForUpdate(accessToken)}). {@link #statusReason()}
 * says what is missing ({@code otp_expired}, {@code password_expired}, {@code consent_revoked},
 * {@code refresh_failed}, …). The access token stays the same after the repair.
 */
public class LoginRequiredException extends KeybridgeException {

    private static final long serialVersionUID = 1L;

    /** Made by the SDK from Keybridge's error answer. */
    public LoginRequiredException(String message, int httpStatus, String error, @Nullable String errorType,
                                  @Nullable String statusReason, @Nullable String requestId) {
        super(message, httpStatus, error, errorType, statusReason, requestId, null);
    }
}
