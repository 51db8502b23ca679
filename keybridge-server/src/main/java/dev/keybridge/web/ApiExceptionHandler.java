package dev.keybridge.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place where exceptions become the wire error shape (wire-formats §5). */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorWriter errors;
    private final Routes routes;

    ApiExceptionHandler(ErrorWriter errors, Routes routes) {
        this.errors = errors;
        this.routes = routes;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e, HttpServletRequest request) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e instanceof ApiException.RetryLater r && r.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(r.retryAfterSeconds()));
        }
        return builder.body(ErrorBody.of(e, RequestIds.current(request)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyLimit.TooLarge tooLarge) {
                return api(new Errors.PayloadTooLarge(tooLarge.limit()), request);
            }
            if (t instanceof ApiException refused) {
                // Thrown by a JsonRequest's creator; Jackson wraps it, the caller gets it as is.
                return api(refused, request);
            }
        }
        return api(new Errors.InvalidRequest("invalid_json",
                "The request body is not valid JSON (or is empty)."), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return simple(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", ErrorType.INVALID_REQUEST,
                "Send the body as application/json.", request);
    }

    @ExceptionHandler(InvalidMediaTypeException.class)
    ResponseEntity<ErrorBody> badMediaType(InvalidMediaTypeException e, HttpServletRequest request) {
        return api(new Errors.UnsupportedMediaType("The Content-Type header is not a valid media type."), request);
    }

    /** Written directly: the caller accepts no JSON, so content negotiation must not run again. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        errors.write(request, response, new Errors.NotAcceptable());
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ResponseEntity<ErrorBody> binding(ServletRequestBindingException e, HttpServletRequest request) {
        return api(Errors.invalid("The request is missing a required header, parameter or path part."), request);
    }

    /** 405 with {@code Allow}: the route's methods ({@link Routes}), else what the handler said it takes (static files). */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        List<HttpMethod> allowed = routes.allowed(request.getRequestURI().substring(request.getContextPath().length()));
        if (allowed.isEmpty() && e.getSupportedHttpMethods() != null) {
            allowed = Routes.withImplied(e.getSupportedHttpMethods());
        }
        Errors.MethodNotAllowed refusal = new Errors.MethodNotAllowed(e.getMethod(), allowed);
        return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ALLOW, Routes.header(allowed))
                .body(ErrorBody.of(refusal, RequestIds.current(request)));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ErrorBody> header(MissingRequestHeaderException e, HttpServletRequest request) {
        return api(Errors.invalid("Header '" + e.getHeaderName() + "' is required."), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> parameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return api(Errors.invalid("Query parameter '" + e.getParameterName() + "' is required."), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return api(Errors.invalid("Parameter '" + e.getName() + "' has the wrong type."), request);
    }

    /**
     * Spring Security's firewall checks a header's value when it is read, so a value it refuses (control
     * characters: the bytes 0x80–0x9f of UTF-8 text sent raw) is refused where a handler reads it: the
     * caller's mistake, a 400 that does not echo the value.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ErrorBody> rejected(RequestRejectedException e, HttpServletRequest request) {
        return api(Errors.invalid("A header or parameter holds characters that are not allowed (control characters)."),
                request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorBody> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return simple(HttpStatus.NOT_FOUND, "not_found", ErrorType.NOT_FOUND, "No such endpoint.", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return simple(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", ErrorType.INTERNAL,
                "Something went wrong on our side. Quote the request id when reporting it.", request);
    }

    private static ResponseEntity<ErrorBody> simple(HttpStatus status, String error, ErrorType type, String message,
                                                    HttpServletRequest request) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of(error, type, message, RequestIds.current(request)));
    }
}
