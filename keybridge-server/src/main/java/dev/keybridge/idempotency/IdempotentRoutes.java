package dev.keybridge.idempotency;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.util.AntPathMatcher;

/**
 * The requests that honour an {@code Idempotency-Key}: the POSTs that create something or act.
 * A feature that adds such an endpoint adds one line here (e.g. {@code PUT /api/v2/public/migrate-token}
 * when it lands); nothing else changes. Requests on other routes ignore the header.
 */
public final class IdempotentRoutes {

    /** One method and an Ant-style path pattern ({@code *} = one path segment). */
    record Route(String method, String pattern) {}

    static final List<Route> ROUTES = List.of(
            new Route("POST", "/api/v2/public/linked-account"),
            new Route("POST", "/api/v2/public/session-token"),
            new Route("POST", "/link/token/create"),
            new Route("POST", "/link/token/exchange"),
            new Route("POST", "/api/v2/public/webhook"),
            new Route("POST", "/api/v2/public/webhook/*/redeliver"),
            new Route("PUT", "/api/v2/public/migrate-token"));

    private static final AntPathMatcher MATCHER = new AntPathMatcher();

    private IdempotentRoutes() {}

    /** Whether {@code method} on {@code path} (a path or a template such as {@code /a/{id}/b}) takes the header. */
    public static boolean covers(String method, String path) {
        for (Route r : ROUTES) {
            if (r.method().equalsIgnoreCase(method) && MATCHER.match(r.pattern(), path)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI();
        for (Route r : ROUTES) {
            if (r.method().equalsIgnoreCase(request.getMethod()) && MATCHER.match(r.pattern(), path)) {
                return true;
            }
        }
        return false;
    }
}
