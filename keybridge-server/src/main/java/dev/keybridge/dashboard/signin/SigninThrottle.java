package dev.keybridge.dashboard.signin;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.ClientAddresses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;

/**
 * Sign-in throttling that stops guessing without locking an operator out. Every failure counts against
 * three keys, each in a window of {@code KEYBRIDGE_DASHBOARD_SIGNIN_LOCKOUT} from its first failure,
 * shared by every node ({@link SigninFailures}):
 * <ul>
 * <li>the client address (an IPv6 one by its /64: {@link ClientAddresses}), whatever e-mail addresses it tries: after
 *     {@code KEYBRIDGE_DASHBOARD_MAX_SIGNIN_FAILURES_PER_ADDRESS} it is refused, right password or
 *     wrong (password spraying: one client trying a few passwords on many addresses);</li>
 * <li>the e-mail address, from anywhere: after {@code KEYBRIDGE_DASHBOARD_MAX_SIGNIN_FAILURES} it is
 *     refused to every client that has itself failed on it in the window, right password or wrong; a
 *     client that has not failed on it still has its password checked, so the operator signs in while
 *     others guess;</li>
 * <li>the client on that e-mail address (what tells the two apart).</li>
 * </ul>
 * A refused client learns nothing: the answer does not look at the password, is the same for a known and
 * an unknown address, and is the same right or wrong (a password is made to be remembered, so unlike the
 * API's random credentials a right one from a client that has been guessing may well be a guess). It is
 * {@link Refused}: 429 with {@code Retry-After}.
 */
@Component
class SigninThrottle {

    /** Sign-in refused until {@code retryAfterSeconds} have passed. */
    static final class Refused extends LockedException {
        private final long retryAfterSeconds;

        Refused(long retryAfterSeconds) {
            super("locked");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final SigninFailures failures;
    private final Clock clock;
    private final KeybridgeSettings.Dashboard settings;
    private volatile Instant swept = Instant.EPOCH;

    SigninThrottle(SigninFailures failures, Clock clock, KeybridgeSettings settings) {
        this.failures = failures;
        this.clock = clock;
        this.settings = settings.dashboard();
    }

    /**
     * Counts this attempt of this client on this e-mail address as a failure before its password is
     * checked, and throws {@link Refused} (taking the count back) when it may not try now. The count and
     * the decision are one step: the decision is taken on the counts this attempt's own statement returned,
     * so attempts arriving at once each see the others and no more passwords are checked than the limits
     * allow (checking first and counting after the slow password check let every one of them through).
     * A right password takes its count back ({@link #passed}).
     */
    void begin(String email, String address) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.signinLockout());
        List<String> keys = keys(email, address);
        Map<String, SigninFailures.Count> counts = failures.add(keys, now, windowStart);
        SigninFailures.Count byClient = counts.get(keys.get(0));
        SigninFailures.Count byEmail = counts.get(keys.get(1));
        SigninFailures.Count byPair = counts.get(keys.get(2));
        Refused refused = null;
        if (byClient.failures() > settings.maxSigninFailuresPerAddress()) {
            refused = refused(byClient, now);
        } else if (byEmail.failures() > settings.maxSigninFailures() && byPair.failures() > 1) {
            refused = refused(byEmail, now);   // this client failed on it before (its own count is in byPair)
        }
        if (refused != null) {
            failures.remove(keys, windowStart);
            throw refused;
        }
        if (!now.isBefore(swept.plus(SWEEP_EVERY))) {
            swept = now;
            failures.sweep(windowStart);
        }
    }

    /** The password was right: the failure {@link #begin} counted for this attempt is taken back. */
    void passed(String email, String address) {
        failures.remove(keys(email, address), clock.instant().minus(settings.signinLockout()));
    }

    private Refused refused(SigninFailures.Count count, Instant now) {
        Instant until = count.windowStart().plus(settings.signinLockout());
        return new Refused(Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000));
    }

    /** The keys of this attempt; the client is its address, an IPv6 one by its /64 ({@link ClientAddresses}). */
    private static List<String> keys(String email, String address) {
        String client = ClientAddresses.throttleKey(address);
        return List.of(clientKey(client), emailKey(email), pairKey(email, client));
    }

    private static String clientKey(String client) {
        return "client:" + client;
    }

    private static String emailKey(String email) {
        return "email:" + email;
    }

    private static String pairKey(String email, String client) {
        return "pair:" + client + " " + email;
    }
}
