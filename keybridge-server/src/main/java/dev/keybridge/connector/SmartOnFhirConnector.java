package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * be https too ({@link SmartDiscovery}).
 */
public class SmartOnFhirConnector implements Connector {

    /** The credential (and form field) holding the FHIR base URL; the catalogue's {@code api_base_url} is it. */
    public static final String BASE_URL = "fhir_base_url";
    static final String TOKEN_URL = "smart_token_endpoint";
    static final String REVOKE_URL = "smart_revocation_endpoint";
    static final String AUTHORIZE_URL = "smart_authorization_endpoint";
    /**
     * {@code oauth2.token_auth_method: none}: a public client (SMART's {@code client-public}). The token requests
     * carry the client id and the PKCE verifier but never the organization's secret, which then cannot reach a
     * token endpoint the end user's server names.
     */
    static final String PUBLIC_CLIENT = "none";
    /** The scopes every standalone patient launch asks for, whatever the catalogue adds. */
    static final List<String> LAUNCH_SCOPES = List.of("launch/patient", "openid", "fhirUser", "offline_access");

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
        String base = SmartDiscovery.baseUrl(input.get(BASE_URL));
        if (base == null) {
            return Step.Failure.of("smart_base_url", true);
        }
        if (!SmartDiscovery.allowedByVendor(app, base)) {
            return Step.Failure.of("smart_base_url_not_allowed", true, app.name());
        }
        SmartDiscovery.Found found;
        try {
            found = SmartDiscovery.discover(context, base);
        } catch (SmartDiscovery.DiscoveryException e) {
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
     * {@code aud} set to the base URL and the launch scopes added to the catalogue's; for a public client, without
     * the secret.
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
        boolean publicClient = o != null && PUBLIC_CLIENT.equals(o.tokenAuthMethod());
        if (publicClient) {
            changes.put("tokenAuthMethod", "client_secret_post");   // client_id in the form, and no secret (below)
        }
        AppDefinition.OAuth2 discovered = o == null ? Records.create(AppDefinition.OAuth2.class, changes)
                : Records.with(o, changes);
        AppDefinition derivedApp = Records.with(app, Map.of("oauth2", discovered));
        return new ConnectorContext(derivedApp, context.clientId(), publicClient ? null : context.clientSecret(),
                context.callbackUrl(), context.http(), context.timeout(), context.state(), context.clock(),
                context.fields(), context.scopes());
    }
}
