package dev.keybridge.ratelimit;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.Errors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Throttles failed authentication, per client address and per credential (an API key, a client id,
 * the admin token, a public token's organization): after {@code failedAuthPerAddress} /
 * {@code failedAuthPerCredential} failures in {@code failedAuthWindow}, every further attempt from
 * that address or on that credential is answered 429 {@code rate_limited} with {@code Retry-After}
 * until the window ends, right or wrong, so guessing stops paying. Keys never hold a secret: an API
 * key is known here only by a prefix of its SHA-256.
 */
@Component
public class AuthThrottle {

    private static final String MESSAGE = "Too many failed authentication attempts from this address or for this "
            + "credential; try again after the Retry-After delay.";

    private final RateLimiter limiter;
    private final KeybridgeSettings.RateLimits settings;

    AuthThrottle(RateLimiter limiter, KeybridgeSettings settings) {
        this.limiter = limiter;
        this.settings = settings.rateLimits();
    }

    /** 429 when the address or the credential is blocked now. */
    public void before(String address, @Nullable String credential) {
        if (settings.enabled()) {
            limiter.checkNotBlocked(MESSAGE, addressKey(address), credentialKey(credential));
        }
    }

    /** Counts a failed attempt; the error to answer: 429 once over a limit, else {@code failure} itself. */
    public @Nullable ApiException failed(String address, @Nullable String credential, @Nullable ApiException failure) {
        if (!settings.enabled()) {
            return failure;
        }
        boolean over = limiter.hit(addressKey(address), settings.failedAuthPerAddress(), settings.failedAuthWindow());
        String key = credentialKey(credential);
        if (key != null) {
            over |= limiter.hit(key, settings.failedAuthPerCredential(), settings.failedAuthWindow());
        }
        if (over) {
            return new Errors.RateLimited(MESSAGE, limiter.untilWindowEnds(settings.failedAuthWindow()));
        }
        return failure;
    }

    /** The throttle key of an API key (never the key itself). */
    public static String apiKey(String key) {
        return "api_key:" + sha256Prefix(key);
    }

    public static String client(String clientId) {
        return "client:" + sha256Prefix(clientId);
    }

    public static final String ADMIN = "admin_token";

    private static String addressKey(String address) {
        return "auth_addr:" + address;
    }

    private static @Nullable String credentialKey(@Nullable String credential) {
        return credential == null || credential.isEmpty() ? null : "auth_cred:" + credential;
    }

    private static String sha256Prefix(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
