package dev.keybridge.idempotency;

import dev.keybridge.web.Idempotent;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The requests that honour an {@code Idempotency-Key}: those of the handlers marked {@link Idempotent},
 * learned once from Spring MVC's handler mappings after every bean exists (before the server takes
 * requests). A request is matched by its method and path against the handlers' path patterns: a set
 * lookup for a fixed path, a pattern match only for the few templated ones.
 */
@Component
class IdempotentRoutes implements SmartInitializingSingleton {

    /** One HTTP method (null: any) and a path template such as {@code /a/{id}/b}. */
    record Route(String method, PathPattern pattern) {}

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile Map<String, Set<String>> fixedByMethod = Map.of();
    private volatile List<Route> templated = List.of();

    IdempotentRoutes(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Route> routes = new ArrayList<>();
        mappings.orderedStream().forEach(m -> routes.addAll(of(m.getHandlerMethods())));
        learn(routes);
    }

    /** The routes of the annotated handlers among {@code handlers}. */
    static List<Route> of(Map<RequestMappingInfo, HandlerMethod> handlers) {
        List<Route> routes = new ArrayList<>();
        handlers.forEach((info, handler) -> {
            if (!handler.hasMethodAnnotation(Idempotent.class)) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : info.getPatternValues()) {
                PathPattern pattern = PathPatternParser.defaultInstance.parse(path);
                if (methods.isEmpty()) {
                    routes.add(new Route(null, pattern));
                }
                methods.forEach(m -> routes.add(new Route(m.name(), pattern)));
            }
        });
        return routes;
    }

    void learn(List<Route> routes) {
        Map<String, Set<String>> fixed = new HashMap<>();
        List<Route> withVariables = new ArrayList<>();
        for (Route r : routes) {
            if (r.method() != null && !r.pattern().hasPatternSyntax()) {
                fixed.computeIfAbsent(r.method(), k -> new HashSet<>()).add(r.pattern().getPatternString());
            } else {
                withVariables.add(r);
            }
        }
        fixed.replaceAll((method, paths) -> Set.copyOf(paths));
        this.fixedByMethod = Map.copyOf(fixed);
        this.templated = List.copyOf(withVariables);
    }

    boolean matches(HttpServletRequest request) {
        return covers(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** Whether {@code method} on {@code path} (as sent, without a query) takes the header. */
    boolean covers(String method, String path) {
        Set<String> fixed = fixedByMethod.get(method);
        if (fixed != null && fixed.contains(path)) {
            return true;
        }
        if (templated.isEmpty()) {
            return false;
        }
        PathContainer parsed = PathContainer.parsePath(path);
        for (Route r : templated) {
            if ((r.method() == null || r.method().equals(method)) && r.pattern().matches(parsed)) {
                return true;
            }
        }
        return false;
    }
}
