package dev.keybridge.frontdoor;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ErrorBody;
import dev.keybridge.web.ErrorType;
import dev.keybridge.web.ErrorWriter;
import dev.keybridge.web.RequestIds;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the session-token surface ({@link FrontendPaths}). Two filters for the security chain:
 * {@link #preflight()} runs before credentials are read: it answers preflights for any origin (a
 * preflight carries no token, so no environment is known yet) and marks actual calls with
 * {@code Access-Control-Allow-Origin} so even a 401 is readable by the page. {@link #originCheck()}
 * runs once the session token is known: when the token's environment has an allow-list and the page's
 * origin is not on it, the call is refused (403) and the answer carries no CORS header. Never
 * credentials (cookies): bearer tokens only. Server endpoints get no CORS header at all.
 */
@Component
public class FrontendCors {

    static final String METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    static final String HEADERS = "authorization, content-type, x-request-id";
    static final String MAX_AGE = "600";

    private final FrontendOrigins origins;
    private final ErrorWriter errors;

    FrontendCors(FrontendOrigins origins, ErrorWriter errors) {
        this.origins = origins;
        this.errors = errors;
    }

    public Filter preflight() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String origin = request.getHeader("Origin");
                if (origin == null || !FrontendPaths.isFrontend(request.getRequestURI())) {
                    chain.doFilter(request, response);
                    return;
                }
                response.setHeader("Access-Control-Allow-Origin", origin);
                response.addHeader("Vary", "Origin");
                if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
                    response.setHeader("Access-Control-Allow-Methods", METHODS);
                    response.setHeader("Access-Control-Allow-Headers", HEADERS);
                    response.setHeader("Access-Control-Max-Age", MAX_AGE);
                    response.setStatus(204);
                    return;
                }
                response.setHeader("Access-Control-Expose-Headers", "x-request-id, retry-after");
                chain.doFilter(request, response);
            }
        };
    }

    public Filter originCheck() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String origin = request.getHeader("Origin");
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (origin != null && FrontendPaths.isFrontend(request.getRequestURI())
                        && auth != null && auth.getPrincipal() instanceof Caller c && c.via() == Caller.Via.SESSION_TOKEN
                        && !origins.allows(c.orgId(), c.environment(), origin)) {
                    String requestId = RequestIds.current(request);
                    response.reset(); // drops Access-Control-Allow-Origin: the page may not read this answer
                    if (requestId != null) {
                        response.setHeader(RequestIds.HEADER, requestId);
                    }
                    errors.write(response, 403, ErrorBody.of("origin_not_allowed", ErrorType.AUTHENTICATION,
                            "Pages of " + origin + " may not call Keybridge in this environment. Add the origin with "
                                    + "PUT /api/v2/public/frontend/settings.", requestId), null);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
