package dev.keybridge.audit;

import dev.keybridge.tenancy.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records every change a caller made ({@code change.applied}: a POST, PUT, PATCH or DELETE that succeeded) with its actor,
 * method, route pattern, path and status: credentials, apps, webhooks, members, settings, through the API or the
 * console. Never the body, the query or a header, so no secret. Not recorded here: the proxy (its own
 * {@code proxy.call}), Link's browser steps (the end user's, not an operator's), sign-in.
 */
@Component
public class ChangeLog implements HandlerInterceptor, WebMvcConfigurer {

    /** The request attribute a console page sets to the operator's {@link Caller} (its principal is not one). */
    public static final String CALLER = ChangeLog.class.getName() + ".caller";
    public static final String CHANGE = "change.applied";

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<String> NOT_CHANGES = List.of("/v1/proxy/", "/link/", "/sandbox/oauth/", "/dashboard/signin",
            "/dashboard/setup", "/dashboard/signout", "/dashboard/environment");

    private final AuditLog audit;
    private final Clock clock;

    ChangeLog(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                @Nullable Exception ex) {
        String path = request.getRequestURI();
        if (ex != null || response.getStatus() >= 400 || !METHODS.contains(request.getMethod())
                || NOT_CHANGES.stream().anyMatch(path::startsWith)) {
            return;
        }
        Caller caller = caller(request);
        if (caller == null || caller.orgId() == null) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("method", request.getMethod());
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        detail.put("route", route == null ? path : route.toString());
        detail.put("path", path.length() > 300 ? path.substring(0, 300) : path);
        detail.put("status", response.getStatus());
        audit.record(AuditRecord.by(caller, caller.orgId(), caller.environment(), clock.instant(), CHANGE, null, detail));
    }

    private static @Nullable Caller caller(HttpServletRequest request) {
        if (request.getAttribute(CALLER) instanceof Caller c) {
            return c;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Caller c ? c : null;
    }
}
