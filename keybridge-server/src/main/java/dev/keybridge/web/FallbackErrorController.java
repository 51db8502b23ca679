package dev.keybridge.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised by the servlet container itself (before Spring MVC) still get the wire shape. */
@RestController
class FallbackErrorController implements ErrorController {

    @io.swagger.v3.oas.annotations.Hidden
    @RequestMapping("/error")
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Called directly (no error being dispatched): there is no such endpoint.
        int status = code instanceof Integer i ? i : 404;
        HttpStatus http = HttpStatus.resolve(status);
        ErrorType type = status == 404 ? ErrorType.NOT_FOUND
                : status >= 500 ? ErrorType.INTERNAL : ErrorType.INVALID_REQUEST;
        String error = http == null ? "error" : http.name().toLowerCase(java.util.Locale.ROOT);
        String message = http == null ? "Request failed." : http.getReasonPhrase() + ".";
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(ErrorBody.of(error, type, message, RequestIds.current(request)));
    }
}
