package dev.keybridge.auth;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.frontdoor.FrontendCors;
import dev.keybridge.ratelimit.AuthThrottle;
import dev.keybridge.session.SessionTokens;
import dev.keybridge.tenancy.TenancyStore;
import dev.keybridge.web.ErrorBody;
import dev.keybridge.web.ErrorType;
import dev.keybridge.web.ErrorWriter;
import dev.keybridge.web.RequestIds;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/** Which credential each path takes. Errors are written in the wire shape. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, KeybridgeSettings settings, TenancyStore tenancy,
                            SessionTokens sessions, ErrorWriter errors, Clock clock, FrontendCors cors,
                            AuthThrottle throttle) throws Exception {
        CredentialFilter credentials = new CredentialFilter(tenancy, sessions, errors, settings.adminToken(), throttle,
                clock, settings.cacheTtl());
        boolean admin = settings.adminApiEnabled();
        http.csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .anonymous(a -> a.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.frameOptions(f -> f.disable())
                        // Link runs in an iframe; every other response refuses framing.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                request -> !isLinkPage(request.getRequestURI()),
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY))))
                .addFilterBefore(credentials, AuthorizationFilter.class)
                // CORS for the session-token surface only (frontdoor.FrontendPaths): preflights and the
                // allow-origin mark before credentials are read; the environment's origin allow-list after.
                .addFilterBefore(cors.preflight(), CredentialFilter.class)
                .addFilterAfter(cors.originCheck(), CredentialFilter.class)
                .authorizeHttpRequests(a -> {
                    if (admin) {
                        a.requestMatchers("/admin/**").hasAuthority(CallerAuthentication.ADMIN);
                    } else {
                        a.requestMatchers("/admin/**").denyAll();
                    }
                    a.requestMatchers("/api/v2/public/**", "/api/v1/workflow/**", "/link/token/**", "/sandbox/public_token/**",
                                    "/sandbox/connection/**", "/v1/proxy/**", "/v1/connection").hasAuthority(CallerAuthentication.SERVER)
                            .requestMatchers("/api/v3/**", "/api/v2/f-sdk/**", "/api/v2/app/**", "/api/v1/**")
                            .hasAuthority(CallerAuthentication.SESSION)
                            .anyRequest().permitAll();
                })
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            if (!admin && request.getRequestURI().startsWith("/admin/")) {
                                errors.write(response, 404, ErrorBody.of("not_found", ErrorType.NOT_FOUND,
                                        "No such endpoint.", RequestIds.current(request)), null);
                                return;
                            }
                            errors.write(response, 401, ErrorBody.of("unauthorized", ErrorType.AUTHENTICATION,
                                    missingCredentialMessage(request.getRequestURI()), RequestIds.current(request)), null);
                        })
                        .accessDeniedHandler((request, response, ex) -> {
                            if (!admin && request.getRequestURI().startsWith("/admin/")) {
                                errors.write(response, 404, ErrorBody.of("not_found", ErrorType.NOT_FOUND,
                                        "No such endpoint.", RequestIds.current(request)), null);
                                return;
                            }
                            errors.write(response, 403, ErrorBody.of("forbidden", ErrorType.AUTHENTICATION,
                                    "This credential cannot call this endpoint: "
                                            + missingCredentialMessage(request.getRequestURI()),
                                    RequestIds.current(request)), null);
                        }));
        return http.build();
    }

    /** The hosted Link pages and their assets, which may be framed. */
    static boolean isLinkPage(String path) {
        return path.equals("/link") || path.startsWith("/link/s/") || path.startsWith("/link/oauth/")
                || path.startsWith("/link/assets/");
    }

    private static String missingCredentialMessage(String path) {
        if (path.startsWith("/admin/")) {
            return "Send the admin token as 'authorization: Bearer <KEYBRIDGE_ADMIN_TOKEN>'.";
        }
        if (path.startsWith("/api/v2/public/") || path.startsWith("/api/v1/workflow/") || path.startsWith("/link/token/") || path.startsWith("/sandbox/")
                || path.startsWith("/v1/")) {
            return "Send an x-api-key header, or client_id and client_secret headers.";
        }
        return "Send a session token as 'authorization: Bearer <token>'.";
    }
}
