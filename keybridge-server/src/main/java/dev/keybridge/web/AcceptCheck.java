package dev.keybridge.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Content negotiation before the handler runs: a JSON endpoint asked for something other than JSON
 * answers 406 before it can change anything (Spring alone would run the handler, commit its write and
 * only then fail to render). Applies to our {@code @RestController}s that return a value; the proxy
 * (which streams whatever the upstream sends) and the HTML pages are not JSON endpoints.
 */
@Component
public class AcceptCheck implements HandlerInterceptor, WebMvcConfigurer {

    private final ErrorWriter errors;

    public AcceptCheck(ErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!(handler instanceof HandlerMethod method) || !isJsonEndpoint(method)) {
            return true;
        }
        if (acceptsJson(request.getHeaders("accept"))) {
            return true;
        }
        errors.write(request, response, new Errors.NotAcceptable());
        return false;
    }

    private static boolean isJsonEndpoint(HandlerMethod method) {
        Class<?> type = method.getBeanType();
        return type.getName().startsWith("dev.keybridge.")
                && type.isAnnotationPresent(RestController.class)
                && method.getReturnType().getParameterType() != void.class;
    }

    static boolean acceptsJson(Enumeration<String> headers) {
        boolean any = false;
        while (headers.hasMoreElements()) {
            String header = headers.nextElement();
            if (header.isBlank()) {
                continue;
            }
            any = true;
            List<MediaType> types;
            try {
                types = MediaType.parseMediaTypes(header);
            } catch (IllegalArgumentException e) {
                return false;
            }
            for (MediaType t : types) {
                if (t.isCompatibleWith(MediaType.APPLICATION_JSON) && qualityAboveZero(t)) {
                    return true;
                }
            }
        }
        return !any;
    }

    private static boolean qualityAboveZero(MediaType t) {
        try {
            return t.getQualityValue() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
