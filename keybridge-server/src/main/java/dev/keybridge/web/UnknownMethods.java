package dev.keybridge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A method this server does not implement on any path ({@code FOO}, {@code PROPFIND}, …) is answered
 * 501 {@code method_not_implemented} (RFC 9110 §9.1) in the error shape, with an {@code Allow} header
 * of what the path does take when it is a route, before anything else reads the request (Spring
 * Security's firewall would otherwise refuse it with a bare 400). TRACE, which the servlet API would
 * answer by echoing the request (its credentials included), is refused here too: 405
 * {@code method_not_allowed} with the path's {@code Allow}. CONNECT never gets here: the server refuses it
 * before the servlet context (501, {@link JsonErrorHandler}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class UnknownMethods extends OncePerRequestFilter {

    private static final Set<String> IMPLEMENTED = Routes.IMPLEMENTED.stream().map(HttpMethod::name)
            .collect(Collectors.toUnmodifiableSet());

    private final Routes routes;
    private final ErrorWriter errors;

    public UnknownMethods(Routes routes, ErrorWriter errors) {
        this.routes = routes;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (IMPLEMENTED.contains(method)) {
            chain.doFilter(request, response);
            return;
        }
        List<HttpMethod> allowed = routes.allowed(request.getRequestURI().substring(request.getContextPath().length()));
        if (!allowed.isEmpty()) {
            response.setHeader(HttpHeaders.ALLOW, Routes.header(allowed));
        }
        errors.write(request, response, HttpMethod.TRACE.name().equals(method)
                ? new Errors.MethodNotAllowed(method, allowed) : new Errors.MethodNotImplemented(method, allowed));
    }
}
