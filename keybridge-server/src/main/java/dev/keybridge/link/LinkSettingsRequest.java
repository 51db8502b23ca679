package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.Patch;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v2/public/link/settings}: {@code redirect_uris} and {@code allowed_origins} are
 * replaced (absent: none); each branding field replaces when present (null clears it), keeps when absent.
 */
@Schema(name = "LinkSettingsUpdate")
public record LinkSettingsRequest(
        @JsonProperty("redirect_uris") @Schema(description = "Absolute http(s) URIs (at most 50); absent: none.")
        List<String> redirectUris,
        @JsonProperty("allowed_origins") @Schema(description = "scheme://host[:port] (at most 50); absent: none.")
        List<String> allowedOrigins,
        @JsonProperty("display_name") @Schema(implementation = String.class, nullable = true, maxLength = 60,
                description = "Absent: kept; null: the organization's name.")
        Patch<String> displayName,
        @Schema(implementation = String.class, nullable = true,
                description = "A data URI (png, jpeg, webp or svg+xml; at most 24 KB). Absent: kept; null: none.")
        Patch<String> logo,
        @JsonProperty("accent_color") @Schema(implementation = String.class, nullable = true, pattern = "^#[0-9a-fA-F]{6}$",
                description = "Absent: kept; null: the default.")
        Patch<String> accentColor,
        @Schema(implementation = String.class, nullable = true, allowableValues = {"light", "dark", "system"},
                description = "Absent: kept; null: system.")
        Patch<String> theme) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LinkSettingsRequest from(JsonNode body) {
        JsonFields f = JsonFields.body(body, "redirect_uris", "allowed_origins", "display_name", "logo",
                "accent_color", "theme");
        List<String> redirects = strings(f.raw("redirect_uris"), "redirect_uris");
        List<String> origins = strings(f.raw("allowed_origins"), "allowed_origins");
        LinkSettings.check(redirects, origins);
        LinkSettings.Branding sent = LinkBrandingFields.read(f, LinkSettings.Branding.DEFAULT);
        return new LinkSettingsRequest(redirects, origins, Patch.of(f.has("display_name"), sent.displayName()),
                Patch.of(f.has("logo"), sent.logo()), Patch.of(f.has("accent_color"), sent.accentColor()),
                Patch.of(f.has("theme"), sent.theme()));
    }

    /** The branding after this request: sent fields replace, absent ones keep {@code current}. */
    LinkSettings.Branding branding(LinkSettings.Branding current) {
        String theme = this.theme.sent() ? this.theme.value() : current.theme();
        return new LinkSettings.Branding(displayName.sent() ? displayName.value() : current.displayName(),
                logo.sent() ? logo.value() : current.logo(),
                accentColor.sent() ? accentColor.value() : current.accentColor(), theme == null ? "system" : theme);
    }

    private static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 50) {
            throw Errors.invalid("'" + field + "' must be an array of at most 50 strings.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isString()) {
                throw Errors.invalid("'" + field + "' must hold strings only.");
            }
            JsonFields.checkLength(field, n.asString(), 2048);
            out.add(n.asString());
        }
        return out;
    }
}
