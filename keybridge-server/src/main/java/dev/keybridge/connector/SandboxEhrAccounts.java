package dev.keybridge.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The sandbox EHR's accounts: who exists and which password opens them. Both sides of the
 * simulation read them: the sandbox EHR connector (the login Link runs) and the sandbox's upstream
 * API, which checks the stored login on every proxied call as a real EHR would.
 */
public final class SandboxEhrAccounts {

    /** The one password every sandbox EHR account takes. */
    public static final String PASSWORD = "pass_good";
    /** An account whose password the EHR reports as expiring soon (update mode renews it). */
    public static final String PASSWORD_EXPIRING = "user_password_expiring";
    /** {@code mfa_questions_<rounds>_<questions>}. */
    static final Pattern QUESTIONS = Pattern.compile("mfa_questions_([1-5])_([1-5])");

    private SandboxEhrAccounts() {}

    /** Whether the sandbox EHR's upstream API accepts this username and password. */
    public static boolean validLogin(String user, String password) {
        return user != null && PASSWORD.equals(password) && known(user) && !user.startsWith("error_")
                && !user.equals("user_locked");
    }

    /**
     * The sandbox's expiring password ({@code user_password_expiring}): five days left at sign-in, ninety after
     * update mode renewed it; null for every other account.
     */
    public static Expiry passwordExpiry(String user, Instant now, boolean renewed) {
        if (!SandboxEhrAccounts.PASSWORD_EXPIRING.equals(user)) {
            return null;
        }
        return new Expiry(now.plus(renewed ? Duration.ofDays(90) : Duration.ofDays(5)), Expiry.PASSWORD);
    }

    /** Whether {@code user} names an account that can sign in (with or without MFA). */
    static boolean known(String user) {
        return user.equals("user_good") || user.equals(PASSWORD_EXPIRING) || user.equals("mfa_device") || user.equals("mfa_selections")
                || QUESTIONS.matcher(user).matches();
    }
}
