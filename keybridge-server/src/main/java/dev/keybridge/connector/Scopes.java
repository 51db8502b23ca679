package dev.keybridge.connector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OAuth2 scopes (RFC 6749 §3.3): reading the {@code scope} a provider reported, the union Link asks for
 * in update mode, and what changed between two grants.
 */
public final class Scopes {

    /** One scope-token: printable ASCII but space, {@code "} and {@code \} (RFC 6749 §3.3). */
    public static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private Scopes() {}

    /**
     * The scopes in a provider's {@code scope} value: space-delimited as RFC 6749 says, or by the app's
     * {@code separator} (some providers answer with commas); duplicates dropped, order kept.
     */
    public static List<String> parse(String scope, String separator) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        String extra = separator == null || separator.isBlank() ? "" : Pattern.quote(separator.strip()) + "|";
        Set<String> out = new LinkedHashSet<>();
        for (String s : scope.strip().split(extra + "\\s+")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return List.copyOf(out);
    }

    /** {@code first}, then those of {@code more} it lacks. */
    public static List<String> union(List<String> first, List<String> more) {
        Set<String> out = new LinkedHashSet<>(first == null ? List.of() : first);
        out.addAll(more == null ? List.of() : more);
        return List.copyOf(out);
    }

    /** Those of {@code a} that {@code b} lacks, in {@code a}'s order. */
    public static List<String> minus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a == null ? List.of() : a);
        out.removeAll(b == null ? List.of() : b);
        return List.copyOf(out);
    }
}
