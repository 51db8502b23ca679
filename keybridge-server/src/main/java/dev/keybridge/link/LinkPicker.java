package dev.keybridge.link;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.Catalog;
import dev.keybridge.catalog.Category;
import dev.keybridge.tenancy.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What Link's app picker shows, however many apps are enabled: the apps matching a search (what the end user typed,
 * detected by name, keyword or domain) or a category, at most {@link #FIRST} on the first page so its size stays
 * bounded (the rest are found by search, or all shown on request), the categories the enabled apps fall in, and
 * a note when nothing matches (naming a catalogue app that is not enabled here when one fits). The page renders
 * it; the page's script asks for it as JSON while the end user types ({@code GET /link/s/{handle}/apps}).
 */
@Component
class LinkPicker {

    /** How many apps the first page lists before "search for yours, or show all". */
    static final int FIRST = 36;
    /** Categories appear once this many apps are enabled. */
    static final int CATEGORIES_FROM = 9;

    /** A category the enabled apps fall in, with its label in the page's language. */
    record Chip(String wire, String label, int count, boolean current) {}

    /** The picker: the apps to list, how many more match, the categories, the one chosen (or null) and a note. */
    record Picked(List<AppDefinition> apps, int more, List<Chip> chips, String category, String note) {
        static final Picked NONE = new Picked(List.of(), 0, List.of(), null, null);
    }

    private final AppSettings apps;
    private final Catalog catalog;
    private final MessageSource messages;

    LinkPicker(AppSettings apps, Catalog catalog, MessageSource messages) {
        this.apps = apps;
        this.catalog = catalog;
        this.messages = messages;
    }

    Picked pick(LinkSession s, String query, String category, boolean all, Locale locale) {
        List<AppDefinition> enabled = apps.enabled(s.orgId(), s.environment());
        Category chosen = Category.find(category).orElse(null);
        List<AppDefinition> inCategory = chosen == null ? enabled
                : enabled.stream().filter(a -> a.categoryList().contains(chosen)).toList();
        boolean searching = query != null && !query.isBlank();
        List<AppDefinition> shown = searching ? Catalog.detect(inCategory, query) : inCategory;
        String note = null;
        if (searching && shown.isEmpty()) {
            Set<String> on = enabled.stream().map(AppDefinition::slug).collect(Collectors.toSet());
            List<AppDefinition> off = catalog.all().stream().filter(a -> !on.contains(a.slug()))
                    .filter(a -> !a.sandbox() || s.environment() == Environment.TEST).toList();
            List<AppDefinition> missing = Catalog.detect(off, query);
            note = missing.isEmpty() ? msg("picker.no_match", locale)
                    : msg("picker.not_available", locale, missing.getFirst().name());
        }
        int more = all || shown.size() <= FIRST ? 0 : shown.size() - FIRST;
        List<AppDefinition> listed = more > 0 ? shown.subList(0, FIRST) : shown;
        return new Picked(listed, more, chips(enabled, chosen, locale), chosen == null ? null : chosen.wire(), note);
    }

    private List<Chip> chips(List<AppDefinition> enabled, Category chosen, Locale locale) {
        if (enabled.size() < CATEGORIES_FROM) {
            return List.of();
        }
        List<Chip> out = new ArrayList<>();
        for (Category c : Category.values()) {
            int n = (int) enabled.stream().filter(a -> a.categoryList().contains(c)).count();
            if (n > 0) {
                out.add(new Chip(c.wire(), msg("category." + c.wire(), locale), n, c == chosen));
            }
        }
        return out;
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
