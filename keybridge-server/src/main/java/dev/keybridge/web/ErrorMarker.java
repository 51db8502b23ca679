package dev.keybridge.web;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Marks every error answer Keybridge itself produces with {@code x-keybridge-error: <error code>} (ours),
 * beside the unchanged body, so a client of the proxy can tell Keybridge's refusals (e.g. 403
 * {@code login_required}) from the upstream's own 4xx/5xx, which the proxy passes through without it
 * (and strips the header from, should an upstream send one). Spring MVC's error answers get it here (the
 * exception handlers of every {@code @ControllerAdvice} and the {@code /error} controller: not the bodies a
 * controller returns on purpose, such as the sandbox's emulated provider); {@link ErrorWriter} and
 * {@link JsonErrorHandler} set it themselves.
 */
@RestControllerAdvice
class ErrorMarker implements ResponseBodyAdvice<Object> {

    /** The marker header (lower case, like {@code x-keybridge-result}). */
    static final String HEADER = ErrorBody.MARKER_HEADER;

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        Class<?> owner = returnType.getContainingClass();
        return AnnotatedElementUtils.hasAnnotation(owner, ControllerAdvice.class)
                || ErrorController.class.isAssignableFrom(owner);
    }

    @Override
    public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ErrorBody error && !error.success() && error.error() != null) {
            response.getHeaders().set(HEADER, error.error());
        }
        return body;
    }
}
