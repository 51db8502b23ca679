package dev.keybridge.catalog;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {name}} placeholders of catalog strings. Unknown placeholders are left as they are. */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private Templates() {}

    public static String fill(String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Fills placeholders that sit in a URL only with plain values (letters, digits, '.', '_', '-'; at
     * most 100), so a value cannot change the host or path around it; null when a placeholder stays
     * unfilled or a value is not plain.
     */
    public static String fillUrl(String template, Map<String, String> values) {
        for (String name : names(template)) {
            String v = values.get(name);
            if (v != null && !URL_SAFE.matcher(v).matches()) {
                return null;
            }
        }
        String filled = fill(template, values);
        return filled == null || PLACEHOLDER.matcher(filled).find() ? null : filled;
    }

    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** The placeholder names a template uses. */
    public static Set<String> names(String template) {
        Set<String> out = new LinkedHashSet<>();
        if (template != null) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
