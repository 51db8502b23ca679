package dev.keybridge.dashboard;

import dev.keybridge.dashboard.signin.OperatorSignin;
import dev.keybridge.dashboard.signin.OperatorStore;
import dev.keybridge.dashboard.signin.StillAMember;
import dev.keybridge.dashboard.sso.SsoSignin;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.CookieClearingLogoutHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The dashboard's own filter chain ({@code /dashboard/**}, ahead of the API chain, which it leaves
 * alone): form sign-in with an HTTP session kept in PostgreSQL ({@code dashboard.session}), CSRF tokens on every form,
 * roles per page as {@link DashboardPages} declares them (viewers only read, only owners manage members), sign-out,
 * an idle timeout and a Content-Security-Policy that allows nothing but this server's own files.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'";

    /** Argon2id (memory-hard) with Spring Security's current parameters: 16 MiB, 2 iterations. */
    @Bean
    PasswordEncoder operatorPasswords() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    @Order(1)
    SecurityFilterChain dashboard(HttpSecurity http, OperatorSignin signin, OperatorStore operators,
                                  SsoSignin sso) throws Exception {
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/dashboard/denied");
        List<AuthenticationProvider> providers = new ArrayList<>(List.of(signin));
        providers.addAll(sso.providers());
        http.securityMatcher("/dashboard", "/dashboard/**")
                // Its own manager without a parent, so a failed attempt is checked (and counted) once.
                .authenticationManager(new ProviderManager(providers))
                .formLogin(f -> f.loginPage("/dashboard/signin").loginProcessingUrl("/dashboard/signin")
                        .usernameParameter("email").passwordParameter("password")
                        .successHandler(toOverview())
                        .failureHandler(DashboardSecurity::signinFailed))
                .logout(l -> l.logoutUrl("/dashboard/signout").logoutSuccessUrl("/dashboard/signin?signedout")
                        .addLogoutHandler(new CookieClearingLogoutHandler(StillAMember.expiredSessionCookie())))
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.invalidSessionUrl("/dashboard/signin?expired"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(e -> e.accessDeniedHandler(denied))
                .addFilterBefore(new StillAMember(operators), AuthorizationFilter.class)
                .authorizeHttpRequests(PageRules::apply); // roles per page: DashboardPages
        sso.configure(http);
        return http.build();
    }

    /** The sign-in page again, with the address typed and the reason (a forward keeps both off the URL). */
    private static void signinFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (e instanceof LockedException) {
            request.setAttribute("signinError", "Too many failed attempts. Wait a few minutes and try again.");
            response.setStatus(429);
            OperatorSignin.retryAfter(e).ifPresent(s -> response.setHeader("Retry-After", Long.toString(s)));
        } else {
            request.setAttribute("signinError", "The e-mail address or password is not right.");
            response.setStatus(401);
        }
        request.getRequestDispatcher("/dashboard/signin/failed").forward(request, response);
    }

    /**
     * After sign-in: the overview. The session (in PostgreSQL, {@code dashboard.session}) got a new id
     * on sign-in and ends after {@code KEYBRIDGE_DASHBOARD_IDLE_TIMEOUT} without a request.
     */
    private static SimpleUrlAuthenticationSuccessHandler toOverview() {
        SimpleUrlAuthenticationSuccessHandler h = new SimpleUrlAuthenticationSuccessHandler("/dashboard");
        h.setAlwaysUseDefaultTargetUrl(true);
        return h;
    }
}
