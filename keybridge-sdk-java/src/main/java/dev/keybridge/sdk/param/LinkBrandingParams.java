package dev.keybridge.sdk.param;

import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A change of Link's branding: each field set is replaced (a {@code clear…} sends null, which restores its
 * default), each field not set is kept.
 */
public final class LinkBrandingParams {

    /** The logo types Link accepts. */
    public static final Set<String> LOGO_TYPES = Set.of("image/png", "image/jpeg", "image/webp", "image/svg+xml");

    private final Map<String, Object> fields;

    private LinkBrandingParams(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * A builder that changes nothing until a field is set.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The branding fields to send (a null value clears that field). */
    public Map<String, Object> toBody() {
        return fields;
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>(fields);
        shown.computeIfPresent("logo", (k, v) -> v.toString().length() + " chars");
        return "LinkBrandingParams" + shown;
    }

    /** Builds {@link LinkBrandingParams}. */
    public static final class Builder {
        private final Map<String, Object> fields = new HashMap<>();

        private Builder() {}

        /**
         * The name Link shows (at most 60 characters, not blank).
         *
         * @param name the name
         * @return this builder
         */
        public Builder displayName(String name) {
            fields.put("display_name", name);
            return this;
        }

        /** Show your organization's name again. */
        public Builder clearDisplayName() {
            fields.put("display_name", null);
            return this;
        }

        /**
         * Your logo as a data URI, {@code data:image/png|jpeg|webp|svg+xml;base64,…} (at most 24 KB decoded).
         *
         * @param dataUri the data URI
         * @return this builder
         */
        public Builder logo(String dataUri) {
            fields.put("logo", dataUri);
            return this;
        }

        /**
         * Your logo from its bytes.
         *
         * @param mediaType one of {@link #LOGO_TYPES}, e.g. {@code image/png}
         * @param bytes     the image (at most 24 KB)
         * @return this builder
         */
        public Builder logo(String mediaType, byte[] bytes) {
            String type = mediaType.toLowerCase(Locale.ROOT);
            if (!LOGO_TYPES.contains(type)) {
                throw new IllegalArgumentException("a logo is one of " + LOGO_TYPES);
            }
            return logo("data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes));
        }

        /** Show no logo. */
        public Builder clearLogo() {
            fields.put("logo", null);
            return this;
        }

        /**
         * The colour of buttons and links, {@code #rrggbb}.
         *
         * @param color e.g. {@code #1a73e8}
         * @return this builder
         */
        public Builder accentColor(String color) {
            fields.put("accent_color", color);
            return this;
        }

        /** Use the default accent colour. */
        public Builder clearAccentColor() {
            fields.put("accent_color", null);
            return this;
        }

        /**
         * {@code light}, {@code dark} or {@code system} (the browser's choice).
         *
         * @param theme the theme
         * @return this builder
         */
        public Builder theme(String theme) {
            fields.put("theme", theme);
            return this;
        }

        /** The params. */
        public LinkBrandingParams build() {
            return new LinkBrandingParams(fields);
        }
    }
}
