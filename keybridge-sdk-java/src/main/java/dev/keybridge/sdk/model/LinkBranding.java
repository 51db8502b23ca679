package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How Link looks in your environment (part of the Link settings, {@code GET /api/v2/public/link/settings}).
 *
 * @param displayName the name Link shows, or null for your organization's name
 * @param logo        your logo as a data URI ({@code data:image/png;base64,…}), or null for none
 * @param accentColor the colour of buttons and links ({@code #1a73e8}, lower-cased), or null for the default
 * @param theme       {@code light}, {@code dark} or {@code system}
 */
public record LinkBranding(@JsonProperty("display_name") String displayName, String logo,
                           @JsonProperty("accent_color") String accentColor, String theme) {

    @Override
    public String toString() {
        return "LinkBranding[displayName=" + displayName + ", logo="
                + (logo == null ? "null" : logo.length() + " chars") + ", accentColor=" + accentColor
                + ", theme=" + theme + "]";
    }
}
