package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.ratelimit.AuthThrottle;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ErrorAnswers;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Idempotent;
import dev.keybridge.web.Timestamps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Link's server-side calls (wire-formats §4) and the per-environment Link settings. */
@RestController
class LinkTokenController {

    @Schema(name = "LinkToken")
    record TokenResponse(boolean success, @Schema(example = "lt_…") String token,
                         @Schema(description = "When the link token expires (30 minutes).") String expiration) {
        @Override
        public String toString() {
            return "TokenResponse[token=<secret>, expiration=" + expiration + "]";
        }
    }

    @Schema(name = "PublicTokenExchanged")
    record ExchangeResponse(boolean success, @Schema(description = "The connection's access token (permanent).") String token) {
        @Override
        public String toString() {
            return "ExchangeResponse[token=<secret>]";
        }
    }

    @Schema(name = "LinkSettings")
    record SettingsView(@JsonProperty("redirect_uris") List<String> redirectUris,
                        @JsonProperty("allowed_origins") List<String> allowedOrigins,
                        @JsonProperty("display_name") @Nullable String displayName, @Nullable String logo,
                        @JsonProperty("accent_color") @Nullable String accentColor, String theme) {

        static SettingsView of(LinkSettings.Setting s, LinkSettings.Branding b) {
            return new SettingsView(s.redirectUris(), s.allowedOrigins(), b.displayName(), b.logo(), b.accentColor(),
                    b.theme());
        }
    }

    private final LinkTokens link;
    private final PublicTokens publicTokens;
    private final LinkSettings linkSettings;
    private final AuthThrottle throttle;

    LinkTokenController(LinkTokens link, PublicTokens publicTokens, LinkSettings linkSettings, AuthThrottle throttle) {
        this.link = link;
        this.publicTokens = publicTokens;
        this.linkSettings = linkSettings;
        this.throttle = throttle;
    }

    @Operation(summary = "Create a link token",
            description = "Server credentials: a link token that opens hosted Link for a linked account (created if "
                    + "missing), optionally on one app, or in update mode for the connection of `access_token`.")
    @ErrorAnswers(404)
    @PostMapping("/link/token/create")
    @Idempotent
    TokenResponse create(@AuthenticationPrincipal Caller caller, @RequestBody LinkTokenRequest body) {
        LinkTokens.CreatedToken t = link.create(caller, body.userId(), body.orgId(), body.accessToken(), body.app(),
                body.redirectUri(), body.language(), body.scopes());
        return new TokenResponse(true, t.token(), Timestamps.format(t.expiration()));
    }

    @Operation(summary = "Exchange a public token",
            description = "Server credentials: exchanges the public token Link gave the front end for the connection's "
                    + "access token; each public token works once.")
    @PostMapping("/link/token/exchange")
    @Idempotent
    ExchangeResponse exchangePost(@AuthenticationPrincipal Caller caller, @RequestBody ExchangeRequest body,
                                  HttpServletRequest request) {
        return exchange(caller, body.publicToken(), request);
    }

    @Operation(summary = "Exchange a public token (query)",
            description = "Server credentials: the same exchange as the POST, with the public token in the query.")
    @GetMapping("/link/token/exchange")
    ExchangeResponse exchangeGet(@AuthenticationPrincipal Caller caller,
                                 @RequestParam(name = "public_token") String publicToken, HttpServletRequest request) {
        return exchange(caller, publicToken, request);
    }

    /**
     * The token is tried first, so a right one is exchanged whatever was guessed before it; a refused one
     * (unknown, used, expired) counts as a guess of the caller's address and credential, not of the
     * environment, so guesses through one key never stop another key's exchanges (AuthThrottle).
     */
    private ExchangeResponse exchange(Caller caller, String publicToken, HttpServletRequest request) {
        try {
            return new ExchangeResponse(true, publicTokens.exchange(caller, publicToken.strip()));
        } catch (Errors.InvalidRequest refused) {
            throw throttle.refused(request.getRemoteAddr(), refused, AuthThrottle.publicTokensOf(caller.credentialId()));
        }
    }

    @Operation(summary = "Get the Link settings",
            description = "Server credentials: the environment's Link settings: redirect URIs, allowed origins and "
                    + "branding.")
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
    @Operation(summary = "Set the Link settings",
            description = "Server credentials: `redirect_uris` and `allowed_origins` are replaced (absent: none); branding "
                    + "fields are replaced when present (null clears one) and kept when absent.")
    @PutMapping("/api/v2/public/link/settings")
    SettingsView putSettings(@AuthenticationPrincipal Caller caller, @RequestBody LinkSettingsRequest body) {
        LinkSettings.Branding branding = body.branding(linkSettings.branding(caller.orgId(), caller.environment()));
        LinkSettings.Setting s = linkSettings.put(caller.orgId(), caller.environment(), body.redirectUris(),
                body.allowedOrigins());
        return SettingsView.of(s, linkSettings.putBranding(caller.orgId(), caller.environment(), branding));
    }
}
