package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.Patch;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v2/public/link/settings}: {@code redirect_uris} and {@code allowed_origins} are
 * replaced (absent: none); each branding field replaces when present (null clears it), keeps when absent.
 */
@Schema(name = "LinkSettingsUpdate")
public record LinkSettingsRequest(
        @JsonProperty("redirect_uris") @Size(max = 50) @Schema(description = "Absolute http(s) URIs; absent: none.")
        List<String> redirectUris,
        @JsonProperty("allowed_origins") @Size(max = 50) @Schema(description = "scheme://host[:port]; absent: none.")
        List<String> allowedOrigins,
        @JsonProperty("display_name") @Size(max = 60)
        @Schema(implementation = String.class, nullable = true, description = "Absent: kept; null: the organization's name.")
        Patch<String> displayName,
        @Schema(implementation = String.class, nullable = true,
                description = "A data URI (png, jpeg, webp or svg+xml; at most 24 KB). Absent: kept; null: none.")
        Patch<String> logo,
        @JsonProperty("accent_color") @Pattern(regexp = "^#[0-9a-fA-F]{6}$")
        @Schema(implementation = String.class, nullable = true, description = "Absent: kept; null: the default.")
        Patch<String> accentColor,
        @Schema(implementation = String.class, nullable = true, allowableValues = {"light", "dark", "system"},
                description = "Absent: kept; null: system.")
        Patch<String> theme) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LinkSettingsRequest from(JsonNode body) {
        JsonFields f = JsonFields.body(body, LinkSettingsRequest.class);
        List<String> redirects = strings(f, "redirect_uris");
        List<String> origins = strings(f, "allowed_origins");
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

    private static List<String> strings(JsonFields f, String field) {
        JsonNode node = f.raw(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        int max = f.size(field).max();
        if (!node.isArray() || node.size() > max) {
            throw Errors.invalid("'" + field + "' must be an array of at most " + max + " strings.");
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
