package dev.keybridge.dashboard.sso;

import dev.keybridge.dashboard.signin.Operator;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Single sign-on in the dashboard's filter chain, only when it is set up: {@code /dashboard/signin/sso/oidc}
 * sends the browser to the provider (authorization code with PKCE and a nonce), the provider sends it
 * back to {@code /dashboard/signin/sso-callback}; {@link SsoOperators} decides who gets in. The session
 * then holds the operator exactly as after a password sign-in. Refusals show the sign-in page with why.
 */
@Component
public class SsoSignin {

    private static final Logger log = LoggerFactory.getLogger(SsoSignin.class);

    private final SsoProvider provider;
    private final SsoRequests requests;
    private final SsoOperators operators;

    SsoSignin(SsoProvider provider, SsoRequests requests, SsoOperators operators) {
        this.provider = provider;
        this.requests = requests;
        this.operators = operators;
    }

    /**
     * The authentication providers single sign-on adds to the chain's own manager (none when it is
     * not set up): the code exchange, the ID token's checks ({@link SsoProvider}) and {@link SsoOperators}.
     */
    public List<AuthenticationProvider> providers() {
        if (!provider.enabled()) {
            return List.of();
        }
        OidcAuthorizationCodeAuthenticationProvider oidc =
                new OidcAuthorizationCodeAuthenticationProvider(provider.tokens(), operators);
        oidc.setJwtDecoderFactory(provider);
        return List.of(oidc);
    }

    public void configure(HttpSecurity http) throws Exception {
        if (!provider.enabled()) {
            return;     // no filter: its addresses fall through to the 404 page
        }
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(provider, "/dashboard/signin/sso");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(o -> o.loginPage("/dashboard/signin")
                .clientRegistrationRepository(provider)
                .authorizationEndpoint(a -> a.authorizationRequestResolver(resolver).authorizationRequestRepository(requests))
                .redirectionEndpoint(r -> r.baseUri(SsoProvider.CALLBACK))
                .successHandler(SsoSignin::signedIn)
                .failureHandler(this::refused)
                // The provider unreachable (its discovery document): the sign-in page says so, not a 500.
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler(SsoSignin.this::refused);
                        return filter;
                    }
                }));
    }

    /**
     * The session gets the operator (not the provider's user, nor its tokens); then a page that moves
     * on to the overview by itself: the session cookie is SameSite=Strict, which a browser does not
     * send on the redirects of a sign-in that began at the provider, but does on this page's next step.
     */
    private static void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication auth)
            throws IOException, ServletException {
        Operator o = ((SsoOperators.OperatorUser) auth.getPrincipal()).operator();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(o, null,
                List.of(new SimpleGrantedAuthority(o.role().authority()))));
        SecurityContextHolder.setContext(context);
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
        request.getRequestDispatcher("/dashboard/signin/continue").forward(request, response);
    }

    private void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (!(e instanceof OAuth2AuthenticationException)) {
            log.warn("Single sign-on could not start: the provider {} did not answer as expected",
                    provider.name(), e.getCause() != null ? e.getCause() : e);
        }
        String code = e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : "unreachable";
        log.info("Single sign-on refused: {}", code);
        request.setAttribute("signinError", switch (code) {
            case SsoOperators.UNKNOWN -> "There is no operator with the address "
                    + ((OAuth2AuthenticationException) e).getError().getDescription()
                    + " here. Ask an owner of your organization to invite it, then sign in with "
                    + provider.name() + " again.";
            case SsoOperators.UNVERIFIED -> provider.name() + " did not confirm that the e-mail address of "
                    + "your account is yours, so it cannot sign you in here. Verify it there, or sign in with your password.";
            case SsoOperators.OTHER_ACCOUNT -> "The operator " + ((OAuth2AuthenticationException) e).getError().getDescription()
                    + " signs in with another " + provider.name() + " account than this one, so it cannot sign you in "
                    + "here. Sign in with that account, or with your password; if the address has changed hands, "
                    + "an owner can remove the member and invite the address again.";
            case SsoOperators.OTHER_OPERATOR -> "This " + provider.name() + " account signs in as another operator "
                    + "here, not as " + ((OAuth2AuthenticationException) e).getError().getDescription()
                    + ". Sign in with the account of this address, or with your password.";
            case "unreachable" -> provider.name() + " cannot be reached right now, so single sign-on cannot "
                    + "start. Try again later, or sign in with your password.";
            default -> "Signing in with " + provider.name() + " did not complete. Try again, or sign in with your password.";
        });
        response.setStatus(401);
        request.getRequestDispatcher("/dashboard/signin/failed").forward(request, response);
    }
}
