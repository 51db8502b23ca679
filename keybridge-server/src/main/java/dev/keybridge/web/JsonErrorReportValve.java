package dev.keybridge.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error page, replaced: errors the container raises before Spring MVC runs (bad
 * {@code %} escapes, encoded slashes, {@code %00}, malformed or oversize request lines and headers)
 * are answered in the wire error shape instead of Tomcat's HTML. Installed on the host by
 * {@link TomcatHardening}; it writes by hand because nothing of Spring exists at that level.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    public JsonErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get() || !response.setErrorReported()) {
            return;
        }
        if (status == 505) {
            // An unknown HTTP version is the client's mistake: a 4xx like every malformed request line.
            status = 400;
            response.setStatus(status);
        }
        String id = request.getAttribute(RequestIds.class.getName()) instanceof String s ? s : RequestIds.newId();
        byte[] body = body(status, id).getBytes(StandardCharsets.UTF_8);
        try {
            response.resetBuffer();
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            response.setHeader(ErrorBody.MARKER_HEADER, error(status));
            if (response.getHeader(RequestIds.HEADER) == null) {
                response.setHeader(RequestIds.HEADER, id);
            }
            OutputStream out = response.getOutputStream();
            out.write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response can no longer be written: nothing more to do
        }
    }

    /** The {@code error} code of {@link #body}, for the marker header. */
    static String error(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    }

    static String body(int status, String requestId) {
        ErrorType type = status == 404 ? ErrorType.NOT_FOUND : status == 429 ? ErrorType.RATE_LIMITED
                : status >= 500 ? ErrorType.INTERNAL : ErrorType.INVALID_REQUEST;
        String error = error(status);
        String message = switch (status) {
            case 400 -> "The request is malformed (request line, escapes or headers); it was not processed.";
            case 404 -> "No such endpoint.";
            case 413 -> "The request is too large.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request headers are too large.";
            default -> status >= 500 ? "Something went wrong on our side." : "The request was refused.";
        };
        return "{\"success\":false,\"error\":\"" + error + "\",\"message\":\"" + message + "\",\"error_type\":\""
                + type.wire() + "\",\"request_id\":\"" + requestId + "\"}";
    }
}
