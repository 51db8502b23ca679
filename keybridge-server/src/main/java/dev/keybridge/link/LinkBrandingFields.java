package dev.keybridge.link;

import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks the branding fields of {@code PUT /api/v2/public/link/settings}. */
final class LinkBrandingFields {

    /** Small enough that Link's first load stays well under 100 KB. */
    static final int MAX_LOGO_BYTES = 24 * 1024;
    private static final Pattern LOGO = Pattern.compile("data:image/(png|jpeg|webp|svg\\+xml);base64,([A-Za-z0-9+/=]+)");

    private LinkBrandingFields() {}

    /**
     * The branding after this body (read against {@link LinkSettingsRequest}, which declares the name's length
     * and the colour's pattern): a present field replaces (null clears), an absent one keeps {@code current}.
     */
    static LinkSettings.Branding read(JsonFields f, LinkSettings.Branding current) {
        String name = f.has("display_name") ? f.optionalString("display_name") : current.displayName();
        if (name != null && name.isBlank()) {
            throw Errors.invalid("'display_name' must not be blank (send null to use the organization's name).");
        }
        String logo = f.has("logo") ? f.optionalString("logo", 4 * MAX_LOGO_BYTES / 3 + 64) : current.logo();
        if (logo != null) {
            Matcher m = LOGO.matcher(logo);
            if (!m.matches()) {
                throw Errors.invalid("'logo' must be a data URI: data:image/png|jpeg|webp|svg+xml;base64,…");
            }
            try {
                if (Base64.getDecoder().decode(m.group(2)).length > MAX_LOGO_BYTES) {
                    throw Errors.invalid("'logo' must be at most " + MAX_LOGO_BYTES / 1024 + " KB.");
                }
            } catch (IllegalArgumentException e) {
                throw Errors.invalid("'logo' is not valid base64.");
            }
        }
        String accent = f.has("accent_color") ? f.optionalString("accent_color", 7) : current.accentColor();
        if (accent != null && !f.pattern("accent_color").matcher(accent).matches()) {
            throw Errors.invalid("'accent_color' must look like #1a73e8.");
        }
        String theme = f.has("theme") ? f.optionalString("theme", 6) : current.theme();
        theme = theme == null ? "system" : theme;
        if (!theme.equals("light") && !theme.equals("dark") && !theme.equals("system")) {
            throw Errors.invalid("'theme' must be light, dark or system.");
        }
        return new LinkSettings.Branding(name, logo, accent == null ? null : accent.toLowerCase(Locale.ROOT), theme);
    }
}
