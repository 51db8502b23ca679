package dev.keybridge.ratelimit;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.ClientAddresses;
import dev.keybridge.web.Errors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Throttles guessing, never the owner of a credential. The credential a request presents is checked
 * first: a right one passes and counts toward nothing, from any address that is not blocked, and also
 * from a blocked one when it cannot have been guessed there (every credential Keybridge issues carries
 * about 140 random bits or more: a right answer is not a guess). The admin token is chosen by an operator
 * and may be guessable, so a blocked address is refused it like any wrong one ({@link #blockedAddress},
 * asked before it is checked). Only a wrong credential comes to {@link #refused}: it counts
 * against the client address (an IPv6 one by its /64, {@link ClientAddresses}) and against the value it guessed at (a client id, the admin token, one API
 * key, the public tokens one credential exchanges); after {@code failedAuthPerAddress} /
 * {@code failedAuthPerCredential} failures in {@code failedAuthWindow} the address / the value is
 * blocked until the window ends, and every wrong attempt from or on it is answered 429
 * {@code rate_limited} with {@code Retry-After}. The 429 is one and the same whatever was wrong (an
 * unknown client id, a wrong secret of a real one, a revoked key), so a blocked client learns nothing
 * but that it is blocked. Keys never hold a secret: an API key or a client id is known here only by a
 * prefix of its SHA-256.
 */
@Component
public class AuthThrottle {

    private static final String MESSAGE = "Too many failed authentication attempts from this address or for this "
            + "credential; try again after the Retry-After delay.";

    public static final String ADMIN = "admin_token";

    /** Credential lookups per second (and at once) for every blocked address of a node together ({@link #lookup}). */
    public static final int BLOCKED_LOOKUPS_PER_SECOND = 30;

    private final RateLimiter limiter;
    private final KeybridgeSettings.RateLimits settings;
    private final LookupBudget blockedLookups;

    AuthThrottle(RateLimiter limiter, KeybridgeSettings settings, Clock clock) {
        this.limiter = limiter;
        this.settings = settings.rateLimits();
        this.blockedLookups = new LookupBudget(clock, BLOCKED_LOOKUPS_PER_SECOND);
    }

    /**
     * A wrong credential from {@code address}, guessing at {@code guessed} (throttle keys such as
     * {@link #client}; none for a session token, counted per address only): the error to answer. 429
     * when the address or a guessed value is blocked already (not counted again), or when this failure
     * takes one over its limit; else {@code failure} itself.
     */
    public ApiException refused(String address, ApiException failure, @Nullable String... guessed) {
        if (!settings.enabled()) {
            return failure;
        }
        List<String> keys = new ArrayList<>();
        keys.add(addressKey(address));
        for (String g : guessed) {
            if (g != null && !g.isEmpty()) {
                keys.add("auth_cred:" + g);
            }
        }
        Instant blocked = limiter.blockedUntil(keys);
        if (blocked != null) {
            return new Errors.RateLimited(MESSAGE, limiter.secondsUntil(blocked));
        }
        boolean over = limiter.hit(keys.getFirst(), settings.failedAuthPerAddress(), settings.failedAuthWindow());
        for (String key : keys.subList(1, keys.size())) {
            over |= limiter.hit(key, settings.failedAuthPerCredential(), settings.failedAuthWindow());
        }
        if (over) {
            return new Errors.RateLimited(MESSAGE, limiter.untilWindowEnds(settings.failedAuthWindow()));
        }
        return failure;
    }

    /**
     * 429 when {@code address} is blocked now, else null: for a credential that may be guessable (the
     * admin token), asked before the credential is checked, so a blocked address gets the same answer
     * whether it is right or wrong.
     */
    public @Nullable ApiException blockedAddress(String address) {
        if (!settings.enabled()) {
            return null;
        }
        Instant blocked = limiter.blockedUntil(List.of(addressKey(address)));
        return blocked == null ? null : new Errors.RateLimited(MESSAGE, limiter.secondsUntil(blocked));
    }

    /**
     * Looks up a credential that was not in the cache of live credentials ({@code lookup}, a database
     * query) for a request from {@code address}. A right credential passes from a blocked address, so
     * every guess from one would still cost a query: a blocked address gets its lookups only from a small
     * budget shared by all blocked addresses of this node ({@link #BLOCKED_LOOKUPS_PER_SECOND}); with the
     * budget spent the answer is the 429 a blocked address gets for any wrong credential. A right
     * credential in the cache is answered before this and always passes; one that is not may have to wait
     * for the budget (Retry-After), which only happens while someone floods from blocked addresses.
     */
    public <T> T lookup(String address, Supplier<T> lookup) {
        if (settings.enabled()) {
            Instant blocked = limiter.blockedUntil(List.of(addressKey(address)));
            if (blocked != null && !blockedLookups.take()) {
                throw new Errors.RateLimited(MESSAGE, limiter.secondsUntil(blocked));
            }
        }
        return lookup.get();
    }

    /** Lookups made for blocked addresses since the start (what {@link #lookup} let through). */
    public long blockedLookups() {
        return blockedLookups.taken();
    }

    /** The throttle key of an API key (never the key itself). */
    public static String apiKey(String key) {
        return "api_key:" + sha256Prefix(key);
    }

    public static String client(String clientId) {
        return "client:" + sha256Prefix(clientId);
    }

    /** The public tokens one credential (an API key or client pair, by id) tries to exchange. */
    public static String publicTokensOf(String credentialId) {
        return "public_token:" + credentialId;
    }

    private static String addressKey(String address) {
        return "auth_addr:" + ClientAddresses.throttleKey(address);
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
