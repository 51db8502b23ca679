package dev.keybridge.dashboard.apps;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.Category;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the Apps page shows of the catalogue: words of the name or slug, a category, a family (auth type) and
 * the enabled state. An unknown value of a list filter is no filter (the page shows "All" for it).
 */
public record AppFilter(String q, String category, String family, String state) {

    static final List<String> FAMILIES = List.of("oauth2", "keybased", "credentials", "smart_on_fhir");
    static final List<String> STATES = List.of("enabled", "disabled");

    static AppFilter of(String q, String category, String family, String state) {
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        return new AppFilter(needle, known(categories(), category), known(FAMILIES, family), known(STATES, state));
    }

    private static String known(List<String> values, String value) {
        return value != null && values.contains(value) ? value : "";
    }

    /** The categories an operator can pick (the sandbox's own is shown by its apps, not offered). */
    static List<String> categories() {
        return Arrays.stream(Category.values()).filter(c -> c != Category.SANDBOX).map(Category::wire).toList();
    }

    public boolean matches(AppDefinition a, boolean enabled) {
        return (q.isEmpty() || a.name().toLowerCase(Locale.ROOT).contains(q) || a.slug().contains(q))
                && (category.isEmpty() || a.categoryList().stream().anyMatch(c -> c.wire().equals(category)))
                && (family.isEmpty() || a.authTypeName().equals(family))
                && (state.isEmpty() || enabled == state.equals("enabled"));
    }

    public boolean any() {
        return !q.isEmpty() || !category.isEmpty() || !family.isEmpty() || !state.isEmpty();
    }
}
