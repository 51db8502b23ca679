package dev.keybridge.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised by the servlet container itself (before Spring MVC) still get the wire shape, a
 * request id (the filters may never have run for what the container refuses first) and, for a 405, the
 * route's own {@code Allow} ({@link Routes}) instead of the container's list of every method.
 */
@RestController
class FallbackErrorController implements ErrorController {

    private final Routes routes;

    FallbackErrorController(Routes routes) {
        this.routes = routes;
    }

    @Hidden
    @RequestMapping("/error")
    ResponseEntity<ErrorBody> error(HttpServletRequest request, HttpServletResponse response) {
        String requestId = RequestIds.ensure(request, response);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Called directly (no error being dispatched): there is no such endpoint.
        int status = code instanceof Integer i ? i : 404;
        if (status == HttpStatus.METHOD_NOT_ALLOWED.value() || status == HttpStatus.NOT_IMPLEMENTED.value()) {
            // The container's own refusals of a method (405, 501), with the route's methods.
            List<HttpMethod> allowed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                    && uri.startsWith(request.getContextPath() + "/")
                    ? routes.allowed(uri.substring(request.getContextPath().length())) : List.of();
            if (!allowed.isEmpty()) {
                response.setHeader(HttpHeaders.ALLOW, Routes.header(allowed));
            }
            ApiException refusal = status == HttpStatus.METHOD_NOT_ALLOWED.value()
                    ? new Errors.MethodNotAllowed(request.getMethod(), allowed)
                    : new Errors.MethodNotImplemented(request.getMethod(), allowed);
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorBody.of(refusal, requestId));
        }
        HttpStatus http = HttpStatus.resolve(status);
        ErrorType type = status == 404 ? ErrorType.NOT_FOUND
                : status >= 500 ? ErrorType.INTERNAL : ErrorType.INVALID_REQUEST;
        // A 400 the container raises (a header it cannot read as text, an ambiguous path) is what the
        // server's own refusals call it too (JsonErrorHandler).
        String error = status == 400 ? "invalid_request" : http == null ? "error" : http.name().toLowerCase(Locale.ROOT);
        String message = http == null ? "Request failed." : http.getReasonPhrase() + ".";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of(error, type, message, requestId));
    }
}
