package dev.keybridge.web;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The methods a path really takes, read from Spring MVC's request mappings (controllers and actuator),
 * for the {@code Allow} header of every 405 and 501 answer: the methods of each mapping whose pattern
 * matches the path, plus HEAD where GET is and OPTIONS, which Spring answers itself (the list Spring's
 * own OPTIONS answer gives). A mapping without methods (the proxy, {@code /error}) takes them all.
 */
@Component
public class Routes {

    /** Every method this server implements, in the order {@code Allow} lists them (never TRACE or CONNECT). */
    public static final List<HttpMethod> IMPLEMENTED = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

    Routes(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /**
     * The methods {@code path} (within the application, as sent: %-escapes are decoded per segment)
     * takes, in {@link #IMPLEMENTED} order; empty when no request mapping matches it (a static resource,
     * no such endpoint).
     */
    public List<HttpMethod> allowed(String path) {
        PathContainer container = PathContainer.parsePath(path);
        Set<HttpMethod> methods = new HashSet<>();
        boolean matched = false;
        for (RequestMappingInfoHandlerMapping mapping : mappings.orderedStream().toList()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
                if (patterns == null || patterns.getPatterns().stream().noneMatch(p -> p.matches(container))) {
                    continue;
                }
                matched = true;
                Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
                if (declared.isEmpty()) {
                    methods.addAll(IMPLEMENTED);
                } else {
                    declared.forEach(m -> methods.add(m.asHttpMethod()));
                }
            }
        }
        return matched ? withImplied(methods) : List.of();
    }

    /** {@code methods} with HEAD where GET is, and OPTIONS, in {@link #IMPLEMENTED} order. */
    public static List<HttpMethod> withImplied(Collection<HttpMethod> methods) {
        Set<HttpMethod> all = new HashSet<>(methods);
        if (all.contains(HttpMethod.GET)) {
            all.add(HttpMethod.HEAD);
        }
        all.add(HttpMethod.OPTIONS);
        return IMPLEMENTED.stream().filter(all::contains).toList();
    }

    /** The value of an {@code Allow} header: {@code GET, HEAD, OPTIONS}. */
    public static String header(List<HttpMethod> methods) {
        return methods.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
    }
}
