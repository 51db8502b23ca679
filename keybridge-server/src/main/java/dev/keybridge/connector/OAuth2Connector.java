package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.Templates;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth2 family: authorization code grant with PKCE (S256) where the app asks for it, refresh with
 * the refresh token, bearer injection, and revocation (RFC 7009) where the catalog names a
 * {@code revoke_url}. The providers' quirks are catalogue properties handled here and nowhere else
 * (docs/link.md, "Provider quirks"): the scope separator, PKCE, extra authorize parameters, the client's
 * authentication and the body format of token requests, the token-answer and callback values kept,
 * and access tokens that never expire. The {@code state} parameter itself is chosen and checked by Link
 * ({@link ConnectorContext#state()}); this connector builds the authorize URL and exchanges the code.
 */
public class OAuth2Connector implements Connector {

    private static final Logger log = LoggerFactory.getLogger(OAuth2Connector.class);

    /** Callback parameters that are not credentials. */
    private static final Set<String> CALLBACK_CONTROL = Set.of("code", "state", "error", "error_description",
            "error_uri", "scope", "session_state", "iss");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return "oauth2";
    }

    /** Nothing to type: a "continue" that sends the browser to the provider. */
    @Override
    public Step.Form form(AppDefinition app) {
        return new Step.Form(Text.of("form.oauth.title", app.name()), Text.of("form.oauth.prompt", app.name()), List.of());
    }

    /** Redirects to the authorize URL with {@link ConnectorContext#state()}, the value Link binds to its session. */
    @Override
    public Step start(ConnectorContext context, Map<String, String> input) {
        AppDefinition.OAuth2 o = context.app().oauth2();
        if (context.clientId() == null || context.clientId().isBlank()) {
            return Step.Failure.of("app_not_configured", false, context.app().name());
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", context.clientId());
        params.put("redirect_uri", context.callbackUrl());
        String scope = context.scopes().isEmpty() ? o.scopeString()
                : String.join(o.scopeSeparator() == null ? " " : o.scopeSeparator(), context.scopes());
        if (!scope.isEmpty()) {
            params.put("scope", scope);
        }
        params.put("state", context.state() != null ? context.state() : input.get("state"));
        Map<String, String> state = new LinkedHashMap<>(Map.of("scope", scope));   // granted when the answer names none
        if (o.pkce()) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            params.put("code_challenge", challenge(verifier));
            params.put("code_challenge_method", "S256");
            state.put("code_verifier", verifier);
        }
        if (o.authorizeParams() != null) {
            o.authorizeParams().forEach(params::putIfAbsent);
        }
        String authorize = Templates.fillUrl(o.authorizeUrl(), context.fields());
        if (authorize == null) {
            return Step.Failure.of("invalid_field", true, "Each field of the address");
        }
        return new Step.Redirect(authorize + (authorize.contains("?") ? "&" : "?") + form(params), state);
    }

    @Override
    public Step answer(ConnectorContext context, Map<String, String> state, Map<String, String> callback) {
        String error = callback.get("error");
        if (error != null) {
            if ("access_denied".equals(error)) {
                return Step.Failure.of("access_denied", true, context.app().name());
            }
            return new Step.Failure("oauth_error", Text.of("error.oauth_error.reported", context.app().name(), safe(error)), true);
        }
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            return new Step.Failure("oauth_error", Text.of("error.oauth_error.no_code", context.app().name()), true);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", context.callbackUrl());
        if (state.containsKey("code_verifier")) {
            form.put("code_verifier", state.get("code_verifier"));
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("scope", state.getOrDefault("scope", context.app().oauth2().scopeString()));   // RFC 6749 §5.1
        List<String> kept = context.app().oauth2().callbackFields();
        if (kept != null) {
            // only the values the catalogue declares (oauth2.callback_fields): the rest of the query is the browser's
            kept.stream().filter(k -> !CALLBACK_CONTROL.contains(k) && callback.get(k) != null)
                    .forEach(k -> extra.put(k, callback.get(k)));
        }
        return ConsentWindow.apply(context, tokenRequest(context, form, extra));
    }

    @Override
    public boolean refreshable(Map<String, String> credentials) {
        String r = credentials.get("refresh_token");
        return r != null && !r.isBlank();
    }

    /** Uses a refresh token; the answer's credentials keep the old refresh token when none is returned. */
    @Override
    public Step refresh(ConnectorContext context, Map<String, String> credentials) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", credentials.get("refresh_token"));
        Map<String, String> keep = new LinkedHashMap<>(credentials);
        keep.remove("access_token");
        keep.remove("expires_in");
        return tokenRequest(context, form, keep);
    }

    /** {@code Authorization: Bearer {access_token}} unless the catalog says otherwise. */
    @Override
    public Injection inject(AppDefinition app, Map<String, String> credentials) {
        if (app.inject() == null && credentials.containsKey("access_token")) {
            return new Injection(Map.of("authorization", "Bearer " + credentials.get("access_token")), "");
        }
        return Injection.fromCatalog(app, credentials);
    }

    /** The {@code scope} of the grant (stored with the credentials: the token response's, or the requested one). */
    @Override
    public List<String> grantedScopes(AppDefinition app, Map<String, String> credentials) {
        String scope = credentials.get("scope");
        return scope == null ? null : Scopes.parse(scope, app.oauth2() == null ? null : app.oauth2().scopeSeparator());
    }

    @Override
    public boolean usesClient() {
        return true;
    }

    /** A refused token that cannot be refreshed means the user withdrew consent. */
    @Override
    public String refusedReason() {
        return "consent_revoked";
    }

    /**
     * Revokes the grant (RFC 7009) where the catalog names a {@code revoke_url}: the refresh token if
     * there is one (which ends the whole grant at most providers), else the access token.
     */
    @Override
    public boolean revoke(ConnectorContext context, Map<String, String> credentials) {
        AppDefinition.OAuth2 o = context.app().oauth2();
        String token = credentials.getOrDefault("refresh_token", credentials.get("access_token"));
        if (o == null || o.revokeUrl() == null || o.revokeUrl().isBlank() || token == null) {
            return false;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        form.put("token_type_hint", credentials.containsKey("refresh_token") ? "refresh_token" : "access_token");
        String revokeUrl = Templates.fillUrl(o.revokeUrl(), credentials);
        if (revokeUrl == null) {
            return false;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(revokeUrl)).timeout(context.timeout())
                .header("content-type", "application/x-www-form-urlencoded");
        if (context.clientId() != null) {
            authenticate(context, request, form);
        }
        try {
            HttpResponse<Void> r = context.http().send(request.POST(HttpRequest.BodyPublishers.ofString(form(form))).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2;
        } catch (IOException e) {
            log.info("Revoking a grant at {} failed: {}", context.app().slug(), e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The client's credentials on a token or revocation request: in the form or as HTTP basic auth. */
    private static void authenticate(ConnectorContext context, HttpRequest.Builder request, Map<String, String> form) {
        if (context.app().oauth2().postsClientSecret()) {
            form.put("client_id", context.clientId());
            form.put("client_secret", context.clientSecret());
        } else {
            String basic = URLEncoder.encode(context.clientId(), StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(context.clientSecret() == null ? "" : context.clientSecret(), StandardCharsets.UTF_8);
            request.header("authorization", "Basic "
                    + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private Step tokenRequest(ConnectorContext context, Map<String, String> form, Map<String, String> base) {
        AppDefinition.OAuth2 o = context.app().oauth2();
        Map<String, String> values = new LinkedHashMap<>(context.fields());
        values.putAll(base);
        String tokenUrl = Templates.fillUrl(o.tokenUrl(), values);
        if (tokenUrl == null) {
            return Step.Failure.of("invalid_field", true, "Each field of the address");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(context.timeout())
                .header("content-type", o.jsonTokenRequests() ? "application/json" : "application/x-www-form-urlencoded")
                .header("accept", "application/json");
        authenticate(context, request, form);
        String payload = o.jsonTokenRequests() ? json(form) : form(form);
        HttpResponse<String> response;
        try {
            response = context.http().send(request.POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Step.Failure.of("provider_unreachable", true, context.app().name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Step.Failure.of("provider_unreachable", true, context.app().name());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return new Step.Failure("oauth_error", Text.of("error.oauth_error.not_json", context.app().name(), response.statusCode()), true);
        }
        if (response.statusCode() / 100 != 2 || !body.hasNonNull("access_token")) {
            String err = body.hasNonNull("error") ? safe(body.get("error").asString()) : "HTTP " + response.statusCode();
            String code = "invalid_grant".equals(err) ? "invalid_grant" : "oauth_error";
            return new Step.Failure(code, Text.of("error.oauth_error.refused", context.app().name(), err), true);
        }
        return TokenAnswer.success(context, body, base);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parameters as one JSON object of strings ({@code oauth2.token_request_format: json}); nulls left out. */
    static String json(Map<String, String> params) {
        Map<String, String> present = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        return JSON.writeValueAsString(present);
    }

    static String form(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> {
            if (v != null) {
                if (!out.isEmpty()) {
                    out.append('&');
                }
                out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    /** A provider-supplied error code, cut down to something safe to show. */
    private static String safe(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) : s;
        return cut.replaceAll("[^A-Za-z0-9_ .-]", "");
    }
}
