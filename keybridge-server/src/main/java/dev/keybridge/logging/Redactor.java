package dev.keybridge.logging;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text bound for a log. Three nets: our own token formats wherever they
 * appear ({@code kb_test_…}, {@code cs_live_…}, {@code at_…}, {@code lt_…}, {@code pt_…},
 * {@code ls_…}, the sandbox's {@code sba_/sbr_/sbc_…}, {@code whsec_…}, JWTs); the value after a
 * credential-ish name ({@code x-api-key:}, {@code client_secret=}, {@code "password": "…"},
 * {@code Bearer …}, {@code Basic …}), which catches third-party secrets of any format; and the
 * literal secrets the operator configured (admin token, database password, master key), which have
 * no format of their own. The prefix of a token is kept so a log still says what kind it was.
 */
public final class Redactor {

    static final String MASK = "***";

    private static final Pattern OWN_TOKENS = Pattern.compile(
            "(?<![A-Za-z0-9])((?:kb|cs|lt|pt|at)_(?:test|live)_|(?:ls|sba|sbr|sbc)_|whsec_)[A-Za-z0-9_+/=-]*[A-Za-z0-9+/=]");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic)(\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern NAMED = Pattern.compile("(?i)(?<![A-Za-z0-9_-])([\"']?)"
            + "(x-api-key|api[_-]?key|x-sandbox-key|client_secret|secret|password|passwd|passphrase|token|access_token"
            + "|refresh_token|id_token|public_token|link_token|session_token|admin[_-]?token|code_verifier"
            + "|authorization|cookie|set-cookie|private_key|auth_credentials)\\1"
            + "(\\s*[:=]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|'[^']*'?|[^\\s,;&\\]\\)}\"']+)");

    /** OAuth codes and states in URLs and form bodies (only there: "code" alone is too common a word). */
    private static final Pattern QUERY = Pattern.compile("(?i)((?:^|[?&\\s])(?:code|state)=)[^&\\s\"']+");

    private static final Set<String> LITERALS = new CopyOnWriteArraySet<>();

    private Redactor() {}

    /** Registers a configured secret (8 characters or more) to be masked wherever it appears. */
    public static void addLiteral(String secret) {
        if (secret != null && secret.length() >= 8) {
            LITERALS.add(secret);
        }
    }

    /** {@code text} with every credential masked; the same instance when there was nothing to mask. */
    public static String redact(String text) {
        String out = text;
        for (String literal : LITERALS) {
            if (out.contains(literal)) {
                out = out.replace(literal, MASK);
            }
        }
        out = replace(OWN_TOKENS, out, m -> m.group(1) + MASK);
        out = replace(QUERY, out, m -> m.group(1) + MASK);
        out = replace(JWT, out, m -> "eyJ" + MASK);
        out = replace(SCHEME, out, m -> m.group(1) + m.group(2) + MASK);
        out = replace(NAMED, out, m -> m.group(4).equals(MASK) || m.group(4).endsWith("_" + MASK)
                || m.group(4).equalsIgnoreCase("bearer") || m.group(4).equalsIgnoreCase("basic")
                ? m.group() : m.group(1) + m.group(2) + m.group(1) + m.group(3) + MASK);
        return out.equals(text) ? text : out;
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
