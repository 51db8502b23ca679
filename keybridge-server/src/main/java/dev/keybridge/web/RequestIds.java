package dev.keybridge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code x-request-id} when it is a sane token, else a new
 * one. It is echoed in the response header, put in every error body and in the log context.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {

    public static final String HEADER = "x-request-id";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public static @Nullable String current(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? null : id.toString();
    }

    /** A fresh request id (for requests that never reached this filter too). */
    public static String newId() {
        return "req_" + Ids.fastRandom(16);
    }

    /**
     * The request's id, given it now as this filter would (the caller's when sane) when the filter never
     * saw the request (the container refused it before any filter), and echoed in the response header.
     */
    public static String ensure(HttpServletRequest request, HttpServletResponse response) {
        String id = current(request);
        if (id == null) {
            id = assign(request);
        }
        if (response.getHeader(HEADER) == null) {
            response.setHeader(HEADER, id);
        }
        return id;
    }

    private static String assign(HttpServletRequest request) {
        String incoming = request.getHeader(HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : newId();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = assign(request);
        response.setHeader(HEADER, id);
        MDC.put("request_id", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("request_id");
        }
    }
}
