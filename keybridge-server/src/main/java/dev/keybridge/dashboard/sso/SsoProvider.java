package dev.keybridge.dashboard.sso;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.egress.Egress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenID Connect provider of the dashboard's single sign-on ({@code KEYBRIDGE_DASHBOARD_OIDC_*}):
 * its one client registration, read from the issuer's discovery document on first use (so a provider
 * that is down does not stop the server), and the token and key-set calls. Every call goes out
 * through {@link Egress}; the issuer is the server operator's own setting (as trusted as the database
 * URL), so it may be on a private network. ID tokens are checked against the {@link Clock} bean.
 */
@Component
public class SsoProvider implements ClientRegistrationRepository, JwtDecoderFactory<ClientRegistration> {

    /** The registration id: the last part of {@code /dashboard/signin/sso/oidc}. */
    public static final String ID = "oidc";
    public static final String START = "/dashboard/signin/sso/" + ID;
    public static final String CALLBACK = "/dashboard/signin/sso-callback";

    private final KeybridgeSettings.Dashboard settings;
    private final ClientHttpRequestFactory requests;
    private final JsonMapper json;
    private final Clock clock;
    private volatile ClientRegistration registration;
    private volatile JwtDecoder decoder;

    SsoProvider(KeybridgeSettings settings, Egress egress, JsonMapper json, Clock clock) {
        this.settings = settings.dashboard();
        this.requests = egress.requestFactory(Egress.Purpose.PROVIDER, false);   // an operator setting: may be a provider on a private network
        this.json = json;
        this.clock = clock;
    }

    public boolean enabled() {
        return settings.oidcEnabled();
    }

    /** What the sign-in button says after "Sign in with": the setting, or the issuer's host. */
    public String name() {
        return settings.oidcName() != null ? settings.oidcName() : URI.create(settings.oidcIssuer()).getHost();
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!enabled() || !ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration r = registration;
        if (r == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = discover();
                }
                r = registration;
            }
        }
        return r;
    }

    /** The ID-token decoder: the provider's key set (through egress), then issuer, audience, nonce, times. */
    @Override
    public JwtDecoder createDecoder(ClientRegistration client) {
        JwtDecoder d = decoder;
        if (d == null) {
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(client.getProviderDetails().getJwkSetUri())
                    .restOperations(new RestTemplate(requests)).build();
            JwtTimestampValidator times = new JwtTimestampValidator();
            times.setClock(clock);
            OidcIdTokenValidator oidc = new OidcIdTokenValidator(client);
            oidc.setClock(clock);
            nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(times, oidc));
            nimbus.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            decoder = d = nimbus;
        }
        return d;
    }

    /** The code-for-tokens call, through egress, with Spring Security's converters and error handling. */
    OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokens() {
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(RestClient.builder().requestFactory(requests)
                .configureMessageConverters(c -> c.addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
        return client;
    }

    private ClientRegistration discover() {
        String issuer = settings.oidcIssuer();
        String url = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration";
        String body = RestClient.builder().requestFactory(requests).build()
                .get().uri(URI.create(url)).retrieve().body(String.class);
        JsonNode doc = json.readTree(body);
        if (!issuer.equals(text(doc, "issuer"))) {
            throw new IllegalStateException("The discovery document of " + issuer + " names another issuer");
        }
        List<String> methods = new ArrayList<>();
        doc.path("token_endpoint_auth_methods_supported").forEach(n -> methods.add(n.asString()));
        ClientAuthenticationMethod auth = methods.isEmpty() || methods.contains("client_secret_basic")
                ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : ClientAuthenticationMethod.CLIENT_SECRET_POST;
        return ClientRegistration.withRegistrationId(ID)
                .clientId(settings.oidcClientId())
                .clientSecret(settings.oidcClientSecret())
                .clientAuthenticationMethod(auth)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}" + CALLBACK)
                .scope("openid", "email")
                .issuerUri(issuer)
                .authorizationUri(text(doc, "authorization_endpoint"))
                .tokenUri(text(doc, "token_endpoint"))
                .jwkSetUri(text(doc, "jwks_uri"))
                .userNameAttributeName("sub")
                .clientName(name())
                .build();
    }

    private static String text(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        if (n == null || !n.isString() || n.asString().isBlank()) {
            throw new IllegalStateException("The provider's discovery document has no " + field);
        }
        return n.asString();
    }
}
