package dev.keybridge.ratelimit;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Public tokens are guessed through the exchange endpoint with a valid API key: each refused
 * exchange counts as a failed authentication of the caller's address and organization, so the
 * guesses meet the same limit as wrong keys. Runs after authentication (Spring Security's chain).
 */
@Component
@Order(0)
class PublicTokenThrottle extends OncePerRequestFilter {

    private final AuthThrottle throttle;
    private final ErrorWriter errors;
    private final boolean enabled;

    PublicTokenThrottle(AuthThrottle throttle, ErrorWriter errors, KeybridgeSettings settings) {
        this.throttle = throttle;
        this.errors = errors;
        this.enabled = settings.rateLimits().enabled();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !request.getRequestURI().equals("/link/token/exchange");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String credential = organization();
        try {
            throttle.before(request.getRemoteAddr(), credential);
        } catch (ApiException e) {
            errors.write(request, response, e);
            return;
        }
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (credential != null && (status == 400 || status == 404)) {
            throttle.failed(request.getRemoteAddr(), credential, null);
        }
    }

    private static @Nullable String organization() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Caller c && c.orgId() != null
                ? "public_token:" + c.orgId() + ":" + c.environment().wire() : null;
    }
}
