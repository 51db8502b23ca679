package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code smart_on_fhir} family: an EHR through SMART App Launch 2 (standalone launch). The end user enters
 * their practice's FHIR base URL; this connector reads {@code <base>/.well-known/smart-configuration} and runs the
 * OAuth2 authorization code grant with PKCE (S256) against the endpoints it names, with {@code aud=<base>} and at
 * least {@code launch/patient openid fhirUser offline_access}. The grant itself is {@link OAuth2Connector}'s, run on
 * a copy of the app whose {@code oauth2} block holds the discovered endpoints. The base URL and the token (and
 * revocation) endpoints stay in the flow's state and then in the credentials, so refresh, revoke and the proxy
 * (whose {@code api_base_url} is {@code {fhir_base_url}}) reach that same EHR later; the token answer's launch
 * context ({@code patient}, {@code encounter}, …) is kept with them.
 *
 * <p>The base URL is the end user's input: it must be an https URL without user info, query or fragment (plain
 * http only to a loopback host, which the egress rule refuses in production unless private addresses are
 * allowed), may be held to the vendor's {@code smart.base_url_pattern}, and the endpoints the document names must
 * be https too. The discovery fetch goes through the provider egress client with the Link timeout and reads at
 * most {@value #MAX_DOCUMENT} bytes.
 */
public class SmartOnFhirConnector implements Connector {

    /** The credential (and form field) holding the FHIR base URL; the catalogue's {@code api_base_url} is it. */
    public static final String BASE_URL = "fhir_base_url";
    static final String TOKEN_URL = "smart_token_endpoint";
    static final String REVOKE_URL = "smart_revocation_endpoint";
    static final String AUTHORIZE_URL = "smart_authorization_endpoint";
    /** The scopes every standalone patient launch asks for, whatever the catalogue adds. */
    static final List<String> LAUNCH_SCOPES = List.of("launch/patient", "openid", "fhirUser", "offline_access");
    static final int MAX_DOCUMENT = 64 * 1024;
    static final int MAX_URL = 512;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final OAuth2Connector oauth = new OAuth2Connector();

    @Override
    public String name() {
        return "smart_on_fhir";
    }

    /** One field: the FHIR base URL (the vendor's example as placeholder). */
    @Override
    public Step.Form form(AppDefinition app) {
        return form(app, null);
    }

    private static Step.Form form(AppDefinition app, String value) {
        String example = app.smart() == null ? null : app.smart().baseUrlExample();
        return new Step.Form(Text.of("form.smart.title", app.name()), Text.of("form.smart.prompt", app.name()),
                List.of(new Step.Field(BASE_URL, "text", Text.of("field.fhir_base_url"), true,
                        example == null ? "https://" : example, List.of(), value, false)));
    }

    /** Update mode: the same form, with the connection's FHIR base URL filled in. */
    @Override
    public Step reauthenticate(ConnectorContext context, Map<String, String> credentials, String reason) {
        return form(context.app(), credentials.get(BASE_URL));
    }

    /** Checks the base URL, discovers the endpoints and redirects to the EHR's authorize endpoint. */
    @Override
    public Step start(ConnectorContext context, Map<String, String> input) {
        AppDefinition app = context.app();
        if (context.clientId() == null || context.clientId().isBlank()) {
            return Step.Failure.of("app_not_configured", false, app.name());
        }
        String base = baseUrl(input.get(BASE_URL));
        if (base == null) {
            return Step.Failure.of("smart_base_url", true);
        }
        if (!allowedByVendor(app, base)) {
            return Step.Failure.of("smart_base_url_not_allowed", true, app.name());
        }
        Discovery found;
        try {
            found = discover(context, base);
        } catch (DiscoveryException e) {
            return Step.Failure.of("smart_discovery_failed", true, e.getMessage());
        }
        Step step = oauth.start(derived(context, base, found.authorize(), found.token(), found.revoke()), input);
        if (!(step instanceof Step.Redirect r)) {
            return step;
        }
        Map<String, String> state = new LinkedHashMap<>(r.state());
        state.put(BASE_URL, base);
        state.put(AUTHORIZE_URL, found.authorize());
        state.put(TOKEN_URL, found.token());
        if (found.revoke() != null) {
            state.put(REVOKE_URL, found.revoke());
        }
        return new Step.Redirect(r.location(), state);
    }

    /** The callback: exchanges the code at the discovered token endpoint; the credentials keep where it came from. */
    @Override
    public Step answer(ConnectorContext context, Map<String, String> state, Map<String, String> callback) {
        String base = state.get(BASE_URL);
        String token = state.get(TOKEN_URL);
        if (base == null || token == null) {
            return Step.Failure.of("invalid_state", true);
        }
        Step step = oauth.answer(derived(context, base, state.get(AUTHORIZE_URL), token, state.get(REVOKE_URL)), state,
                callback);
        if (!(step instanceof Step.Success ok)) {
            return step;
        }
        Map<String, String> credentials = new LinkedHashMap<>(ok.credentials());
        credentials.put(BASE_URL, base);
        credentials.put(TOKEN_URL, token);
        if (state.get(REVOKE_URL) != null) {
            credentials.put(REVOKE_URL, state.get(REVOKE_URL));
        }
        return new Step.Success(credentials, ok.expiresAt(), ok.displayName(), ok.expiry());
    }

    @Override
    public boolean refreshable(Map<String, String> credentials) {
        return oauth.refreshable(credentials) && credentials.get(TOKEN_URL) != null && credentials.get(BASE_URL) != null;
    }

    /** Refreshes at the token endpoint discovered when the connection was made; the launch context stays. */
    @Override
    public Step refresh(ConnectorContext context, Map<String, String> credentials) {
        if (!refreshable(credentials)) {
            return Step.Failure.of("refresh_not_supported", false);
        }
        return oauth.refresh(derived(context, credentials.get(BASE_URL), null, credentials.get(TOKEN_URL),
                credentials.get(REVOKE_URL)), credentials);
    }

    @Override
    public Injection inject(AppDefinition app, Map<String, String> credentials) {
        return oauth.inject(app, credentials);
    }

    @Override
    public List<String> grantedScopes(AppDefinition app, Map<String, String> credentials) {
        return oauth.grantedScopes(app, credentials);
    }

    @Override
    public boolean revoke(ConnectorContext context, Map<String, String> credentials) {
        if (credentials.get(REVOKE_URL) == null || credentials.get(BASE_URL) == null) {
            return false;
        }
        return oauth.revoke(derived(context, credentials.get(BASE_URL), null, credentials.get(TOKEN_URL),
                credentials.get(REVOKE_URL)), credentials);
    }

    @Override
    public boolean usesClient() {
        return true;
    }

    @Override
    public String refusedReason() {
        return "consent_revoked";
    }

    /**
     * The context with a copy of the app whose {@code oauth2} block has the discovered endpoints, PKCE on,
     * {@code aud} set to the base URL and the launch scopes added to the catalogue's.
     */
    static ConnectorContext derived(ConnectorContext context, String base, String authorize, String token, String revoke) {
        AppDefinition app = context.app();
        AppDefinition.OAuth2 o = app.oauth2();
        List<String> scopes = new ArrayList<>(o == null || o.scopes() == null ? List.of() : o.scopes());
        LAUNCH_SCOPES.stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("aud", base);
        if (o != null && o.authorizeParams() != null) {
            o.authorizeParams().forEach(params::putIfAbsent);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("authorizeUrl", authorize == null ? token : authorize);
        changes.put("tokenUrl", token);
        changes.put("revokeUrl", revoke);
        changes.put("scopes", List.copyOf(scopes));
        changes.put("scopeSeparator", " ");
        changes.put("pkce", true);
        changes.put("authorizeParams", Map.copyOf(params));
        AppDefinition.OAuth2 discovered = o == null ? Records.create(AppDefinition.OAuth2.class, changes)
                : Records.with(o, changes);
        AppDefinition derivedApp = Records.with(app, Map.of("oauth2", discovered));
        return new ConnectorContext(derivedApp, context.clientId(), context.clientSecret(), context.callbackUrl(),
                context.http(), context.timeout(), context.state(), context.clock(), context.fields(), context.scopes());
    }

    /** The base URL as typed, checked and without a trailing slash; null when it is not one Keybridge may use. */
    static String baseUrl(String typed) {
        if (typed == null) {
            return null;
        }
        String s = typed.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > MAX_URL) {
            return null;
        }
        return allowedUrl(s) ? s : null;
    }

    /**
     * An absolute https URL with a host and without user info, query or fragment; plain http only to a loopback
     * host (a local sandbox: the egress rule refuses loopback in production unless private addresses are allowed).
     */
    static boolean allowedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return false;
        }
        return scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost());
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false;    // a name: never looked up here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();   // a literal address: parsed, not resolved
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the vendor's {@code smart.base_url_pattern} (if any) matches the whole base URL. */
    static boolean allowedByVendor(AppDefinition app, String base) {
        String pattern = app.smart() == null ? null : app.smart().baseUrlPattern();
        if (pattern == null || pattern.isBlank()) {
            return true;
        }
        try {
            return Pattern.compile(pattern).matcher(base).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    record Discovery(String authorize, String token, String revoke) {}

    /** Why discovery failed, in a few words safe to show. */
    static final class DiscoveryException extends Exception {
        DiscoveryException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Reads {@code <base>/.well-known/smart-configuration}: bounded in time and size, endpoints checked. */
    static Discovery discover(ConnectorContext context, String base) throws DiscoveryException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/.well-known/smart-configuration"))
                .timeout(context.timeout()).header("accept", "application/json").GET().build();
        byte[] body;
        int status;
        try {
            HttpResponse<InputStream> r = context.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = r.statusCode();
            try (InputStream in = r.body()) {
                body = in.readNBytes(MAX_DOCUMENT + 1);
            }
        } catch (IOException e) {
            throw new DiscoveryException("the address could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted");
        }
        if (status != 200) {
            throw new DiscoveryException("HTTP " + status);
        }
        if (body.length > MAX_DOCUMENT) {
            throw new DiscoveryException("the configuration is too large");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new DiscoveryException("the configuration is not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw new DiscoveryException("the configuration is not a JSON object");
        }
        String authorize = endpoint(doc, "authorization_endpoint", true);
        String token = endpoint(doc, "token_endpoint", true);
        String revoke = endpoint(doc, "revocation_endpoint", false);
        JsonNode methods = doc.get("code_challenge_methods_supported");
        if (methods != null && methods.isArray()) {
            boolean s256 = false;
            for (JsonNode m : methods) {
                s256 |= m.isString() && "S256".equals(m.asString());
            }
            if (!s256) {
                throw new DiscoveryException("the server does not support PKCE S256");
            }
        }
        return new Discovery(authorize, token, revoke);
    }

    private static String endpoint(JsonNode doc, String name, boolean required) throws DiscoveryException {
        JsonNode v = doc.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new DiscoveryException("no " + name);
            }
            return null;
        }
        String url = v.isString() ? v.asString() : "";
        if (url.length() > MAX_URL * 4 || !allowedUrl(url) && !allowedWithQuery(url)) {
            throw new DiscoveryException(name + " is not an https URL");
        }
        return url;
    }

    /** An endpoint may carry a query (some authorization servers route on one); the rest of the rule holds. */
    private static boolean allowedWithQuery(String url) {
        int q = url.indexOf('?');
        return q > 0 && !url.contains("#") && allowedUrl(url.substring(0, q));
    }
}
