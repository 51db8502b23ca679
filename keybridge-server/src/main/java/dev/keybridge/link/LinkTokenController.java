package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.Timestamps;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Link's server-side calls (wire-formats §4) and the per-environment Link settings. */
@RestController
class LinkTokenController {

    record TokenResponse(boolean success, String token, String expiration) {}

    record ExchangeResponse(boolean success, String token) {}

    record SettingsView(@JsonProperty("redirect_uris") List<String> redirectUris,
                        @JsonProperty("allowed_origins") List<String> allowedOrigins,
                        @JsonProperty("display_name") String displayName, String logo,
                        @JsonProperty("accent_color") String accentColor, String theme) {

        static SettingsView of(LinkSettings.Setting s, LinkSettings.Branding b) {
            return new SettingsView(s.redirectUris(), s.allowedOrigins(), b.displayName(), b.logo(), b.accentColor(),
                    b.theme());
        }
    }

    private final LinkTokens link;
    private final PublicTokens publicTokens;
    private final LinkSettings linkSettings;
    private final KeybridgeSettings.Limits limits;

    LinkTokenController(LinkTokens link, PublicTokens publicTokens, LinkSettings linkSettings, KeybridgeSettings settings) {
        this.link = link;
        this.publicTokens = publicTokens;
        this.linkSettings = linkSettings;
        this.limits = settings.limits();
    }

    @PostMapping("/link/token/create")
    TokenResponse create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body, "user_id", "org_id", "access_token", "app", "redirect_uri", "language");
        String language = f.optionalString("language", 8);
        if (language != null && !LinkLanguages.supported(language)) {
            throw Errors.invalid("'language' must be one of " + String.join(", ", LinkLanguages.SUPPORTED) + ".");
        }
        String userId = f.optionalString("user_id", limits.maxIdLength());
        if (userId != null && (userId.isBlank() || !userId.equals(userId.strip()))) {
            throw Errors.invalid("'user_id' must be non-empty and not start or end with white space.");
        }
        LinkTokens.CreatedToken t = link.create(caller, userId, f.optionalString("org_id", limits.maxIdLength()),
                f.optionalString("access_token", 200), f.optionalString("app", 64), f.optionalString("redirect_uri", 2048),
                language);
        return new TokenResponse(true, t.token(), Timestamps.format(t.expiration()));
    }

    @PostMapping("/link/token/exchange")
    ExchangeResponse exchangePost(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body, "public_token");
        return exchange(caller, f.requiredString("public_token", 200));
    }

    @GetMapping("/link/token/exchange")
    ExchangeResponse exchangeGet(@AuthenticationPrincipal Caller caller,
                                 @RequestParam(name = "public_token") String publicToken) {
        return exchange(caller, publicToken);
    }

    private ExchangeResponse exchange(Caller caller, String publicToken) {
        return new ExchangeResponse(true, publicTokens.exchange(caller, publicToken.strip()));
    }

    @GetMapping("/api/v2/public/link/settings")
    SettingsView settings(@AuthenticationPrincipal Caller caller) {
        return SettingsView.of(linkSettings.get(caller.orgId(), caller.environment()),
                linkSettings.branding(caller.orgId(), caller.environment()));
    }

    /**
     * Body: {@code redirect_uris} (absolute http(s) URIs) and {@code allowed_origins} (scheme://host[:port]),
     * replaced (absent: none); and the branding fields {@code display_name}, {@code logo}, {@code accent_color},
     * {@code theme}, each replaced when present (null clears it) and kept when absent.
     */
    @PutMapping("/api/v2/public/link/settings")
    SettingsView putSettings(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body, "redirect_uris", "allowed_origins", "display_name", "logo", "accent_color",
                "theme");
        List<String> redirects = strings(f.raw("redirect_uris"), "redirect_uris");
        List<String> origins = strings(f.raw("allowed_origins"), "allowed_origins");
        LinkSettings.check(redirects, origins);
        LinkSettings.Branding branding = LinkBrandingFields.read(f,
                linkSettings.branding(caller.orgId(), caller.environment()));
        LinkSettings.Setting s = linkSettings.put(caller.orgId(), caller.environment(), redirects, origins);
        return SettingsView.of(s, linkSettings.putBranding(caller.orgId(), caller.environment(), branding));
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
