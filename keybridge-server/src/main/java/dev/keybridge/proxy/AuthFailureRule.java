package dev.keybridge.proxy;

import dev.keybridge.catalog.AppDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether an upstream answer means "these credentials no longer work", by the catalog's
 * {@code auth_failure}: a listed status code, and (when body patterns are listed) a pattern found in
 * the first bytes of the body. Without a rule, 401 is an auth failure.
 */
final class AuthFailureRule {

    /** How much of a candidate body is read to match patterns; the rest is never buffered. */
    static final int PEEK_BYTES = 8192;

    private final List<Integer> statuses;
    private final List<Pattern> patterns;

    AuthFailureRule(AppDefinition app) {
        AppDefinition.AuthFailure f = app.authFailure();
        this.statuses = f == null || f.statusCodes() == null || f.statusCodes().isEmpty() ? List.of(401) : f.statusCodes();
        this.patterns = f == null || f.bodyPatterns() == null ? List.of()
                : f.bodyPatterns().stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();
    }

    /** Whether the status alone makes it a candidate. */
    boolean candidate(int status) {
        return statuses.contains(status);
    }

    boolean needsBody() {
        return !patterns.isEmpty();
    }

    /** For a candidate status: whether the peeked body confirms it. */
    boolean confirms(byte[] peek) {
        if (patterns.isEmpty()) {
            return true;
        }
        String text = new String(peek, StandardCharsets.UTF_8);
        return patterns.stream().anyMatch(p -> p.matcher(text).find());
    }
}
