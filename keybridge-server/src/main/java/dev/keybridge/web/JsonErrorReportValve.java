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
        String error = error(status, request.getHeader("transfer-encoding") != null);
        byte[] body = body(status, error, id).getBytes(StandardCharsets.UTF_8);
        try {
            response.resetBuffer();
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            response.setHeader(ErrorBody.MARKER_HEADER, error);
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

    /**
     * The {@code error} code of {@link #body}. A 501 from the connector is a transfer coding it does not
     * implement (RFC 9112 §6.1: {@code Transfer-Encoding: gzip}) or the CONNECT method (RFC 9110 §9.1):
     * the client's to change, not our failure.
     */
    static String error(int status, boolean transferEncoding) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 501 -> transferEncoding ? "unsupported_transfer_encoding" : "method_not_implemented";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    }

    static String body(int status, String error, String requestId) {
        ErrorType type = status == 404 ? ErrorType.NOT_FOUND : status == 429 ? ErrorType.RATE_LIMITED
                : status == 501 ? ErrorType.INVALID_REQUEST : status >= 500 ? ErrorType.INTERNAL : ErrorType.INVALID_REQUEST;
        String message = switch (error) {
            case "invalid_request" -> status == 400
                    ? "The request is malformed (request line, escapes or headers); it was not processed."
                    : "The request was refused.";
            case "not_found" -> "No such endpoint.";
            case "payload_too_large" -> "The request is too large.";
            case "uri_too_long" -> "The request URI is too long.";
            case "headers_too_large" -> "The request headers are too large.";
            case "unsupported_transfer_encoding" -> "This server implements no transfer coding but chunked: send the body "
                    + "with Content-Length or Transfer-Encoding: chunked. The request was not processed.";
            case "method_not_implemented" -> "This server does not implement the request's method (CONNECT); it was "
                    + "not processed.";
            default -> "Something went wrong on our side.";
        };
        return "{\"success\":false,\"error\":\"" + error + "\",\"message\":\"" + message + "\",\"error_type\":\""
                + type.wire() + "\",\"request_id\":\"" + requestId + "\"}";
    }
}
