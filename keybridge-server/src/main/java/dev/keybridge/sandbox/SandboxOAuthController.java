package dev.keybridge.sandbox;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.ErrorBody;
import dev.keybridge.web.ErrorType;
import dev.keybridge.web.Errors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The sandbox OAuth2 provider (test environment's {@code sandbox-oauth} app): an authorize page with
 * Approve and Deny, a token endpoint (authorization_code with PKCE, refresh_token with rotation) and
 * revocation. Its client is {@code keybridge-sandbox} / {@code keybridge-sandbox-secret}.
 */
@Controller
class SandboxOAuthController {

    private final SandboxOAuthProvider provider;
    private final boolean enabled;

    SandboxOAuthController(SandboxOAuthProvider provider, KeybridgeSettings settings) {
        this.provider = provider;
        this.enabled = settings.sandbox().enabled();
    }

    @GetMapping("/sandbox/oauth/authorize")
    String authorize(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        check();
        String problem = problem(params);
        model.addAttribute("problem", problem);
        model.addAttribute("p", params.toSingleValueMap());
        response.setHeader("Referrer-Policy", "no-referrer");
        // As large providers do: this cuts window.opener of a Link popup, so the fallback channel is exercised.
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (problem != null) {
            response.setStatus(400);
        }
        return "sandbox/authorize";
    }

    @PostMapping("/sandbox/oauth/authorize")
    String decide(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        check();
        String problem = problem(params);
        if (problem != null) {
            model.addAttribute("problem", problem);
            model.addAttribute("p", params.toSingleValueMap());
            response.setStatus(400);
            return "sandbox/authorize";
        }
        String redirect = params.getFirst("redirect_uri");
        String state = params.getFirst("state");
        if (!"approve".equals(params.getFirst("decision"))) {
            return "redirect:" + with(with(redirect, "error", "access_denied"), "state", state);
        }
        String code = provider.approve(redirect, params.getFirst("scope"), params.getFirst("code_challenge"));
        return "redirect:" + with(with(redirect, "code", code), "state", state);
    }

    @PostMapping(path = "/sandbox/oauth/token")
    @ResponseBody
    ResponseEntity<Object> token(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        check();
        String[] client = client(request, form);
        if (client == null || !SandboxOAuthProvider.validClient(client[0], client[1])) {
            return ResponseEntity.status(401).body(ErrorBody.current("invalid_client", ErrorType.AUTHENTICATION,
                    "Client authentication failed."));
        }
        SandboxOAuthProvider.TokenResult r = switch (String.valueOf(form.getFirst("grant_type"))) {
            case "authorization_code" -> provider.exchangeCode(form.getFirst("code"), form.getFirst("redirect_uri"),
                    form.getFirst("code_verifier"));
            case "refresh_token" -> provider.refresh(form.getFirst("refresh_token"));
            default -> new SandboxOAuthProvider.TokenResult(null, "unsupported_grant_type");
        };
        if (r.error() != null) {
            return ResponseEntity.status(400).header("cache-control", "no-store")
                    .body(ErrorBody.current(r.error(), ErrorType.INVALID_REQUEST, "The token request was refused."));
        }
        return ResponseEntity.ok().header("cache-control", "no-store").body(r.body());
    }

    @PostMapping("/sandbox/oauth/revoke")
    @ResponseBody
    ResponseEntity<Object> revoke(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        check();
        String[] client = client(request, form);
        if (client == null || !SandboxOAuthProvider.validClient(client[0], client[1])) {
            return ResponseEntity.status(401).body(ErrorBody.current("invalid_client", ErrorType.AUTHENTICATION,
                    "Client authentication failed."));
        }
        provider.revoke(form.getFirst("token"));
        return ResponseEntity.ok().build();
    }

    private void check() {
        if (!enabled) {
            throw new Errors.NotFound("not_found", "The sandbox is switched off (KEYBRIDGE_SANDBOX_ENABLED=false).");
        }
    }

    private static String problem(MultiValueMap<String, String> p) {
        if (!"code".equals(p.getFirst("response_type"))) {
            return "response_type must be 'code'.";
        }
        if (!SandboxOAuthProvider.CLIENT_ID.equals(p.getFirst("client_id"))) {
            return "Unknown client_id. The sandbox client is '" + SandboxOAuthProvider.CLIENT_ID + "'.";
        }
        String redirect = p.getFirst("redirect_uri");
        try {
            URI u = URI.create(redirect == null ? "" : redirect);
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                return "redirect_uri must be an absolute http(s) URL.";
            }
        } catch (IllegalArgumentException e) {
            return "redirect_uri is not a valid URL.";
        }
        String method = p.getFirst("code_challenge_method");
        if (p.getFirst("code_challenge") != null && method != null && !"S256".equals(method)) {
            return "Only code_challenge_method S256 is supported.";
        }
        return null;
    }

    /** client_secret_basic or client_secret_post. */
    private static String[] client(HttpServletRequest request, MultiValueMap<String, String> form) {
        String auth = request.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon < 0) {
                    return null;
                }
                return new String[] {URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)};
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (form.getFirst("client_id") != null) {
            return new String[] {form.getFirst("client_id"), form.getFirst("client_secret")};
        }
        return null;
    }

    private static String with(String uri, String name, String value) {
        if (value == null) {
            return uri;
        }
        return uri + (uri.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
