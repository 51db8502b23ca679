package dev.keybridge.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's own error page, replaced: errors the container raises before the servlet context runs (bad
 * {@code %} escapes, encoded slashes, {@code %00}, malformed or oversize request lines and headers, a
 * transfer coding other than chunked) are answered in the wire error shape, with a request id and the
 * {@code x-keybridge-error} marker, instead of Jetty's HTML. Installed on the server by
 * {@link JettyHardening}; it writes by hand because nothing of Spring exists at that level. Errors inside the
 * servlet context go to Spring's {@code /error} ({@link FallbackErrorController}).
 */
public class JsonErrorHandler extends ErrorHandler {

    private static final Pattern TRANSFER_ENCODING = Pattern.compile("(?i).*transfer.?encoding.*");

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer i ? i : response.getStatus();
        boolean codings = refusedCoding(request.getAttribute(ERROR_MESSAGE), request.getAttribute(ERROR_EXCEPTION))
                || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        // CONNECT with an origin-form target ("CONNECT /path") fails Jetty's parse as a 400: still a 501.
        int answered = "CONNECT".equals(request.getMethod()) ? 501 : status(status, codings);
        String error = status == 414 ? "uri_too_long" : error(answered, codings);
        String id = request.getAttribute(RequestIds.class.getName()) instanceof String s ? s : RequestIds.newId();
        byte[] body = body(answered, error, id).getBytes(StandardCharsets.UTF_8);
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException("committed"));
            return true;
        }
        response.setStatus(answered);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        headers.put(ErrorBody.MARKER_HEADER, error);
        // A refusal before the servlet context ends the connection (a CONNECT would otherwise stay open).
        headers.put(HttpHeader.CONNECTION, "close");
        if (!headers.contains(RequestIds.HEADER)) {
            headers.put(RequestIds.HEADER, id);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The body of an error Jetty answers without a request (a request line or header it cannot parse). */
    @Override
    public ByteBuffer badMessageError(int status, @Nullable String reason, HttpFields.Mutable fields) {
        boolean codings = refusedCoding(reason, null);
        int answered = status(status, codings);
        String error = status == 414 ? "uri_too_long" : error(answered, codings);
        fields.put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        fields.put(new HttpField(ErrorBody.MARKER_HEADER, error));
        fields.put(new HttpField(RequestIds.HEADER, RequestIds.newId()));
        return ByteBuffer.wrap(body(answered, error, fields.get(RequestIds.HEADER)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The status answered: an unknown HTTP version (505) is the client's mistake, a 4xx like every malformed
     * request line; a request refused for its transfer coding (RFC 9112 §6.1: anything but chunked, which is
     * all this server implements) is a 501.
     */
    static int status(int status, boolean codings) {
        if (status == 505 || status == 414) {
            // Jetty answers a request line longer than the header buffer with 414; Tomcat answered 400, which
            // every operation declares (the body still says uri_too_long).
            return 400;
        }
        return status == 400 && codings ? 501 : status;
    }

    private static boolean refusedCoding(@Nullable Object message, @Nullable Object cause) {
        return message instanceof String m && TRANSFER_ENCODING.matcher(m).matches()
                || cause instanceof Throwable t && t.getMessage() != null
                && TRANSFER_ENCODING.matcher(t.getMessage()).matches();
    }

    /**
     * Refuses, before the servlet context, a request with a transfer coding other than {@code chunked}
     * (Jetty would hand a {@code gzip, chunked} body to the application still gzipped) and the CONNECT method
     * (this is no forward proxy): both answered by the server's error handler, 501 in the error shape.
     */
    static final class Refusals extends Handler.Wrapper {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if ("CONNECT".equals(request.getMethod()) || unimplementedCoding(request)) {
                Response.writeError(request, response, callback, 501);
                return true;
            }
            return super.handle(request, response, callback);
        }

        private static boolean unimplementedCoding(Request request) {
            for (String line : request.getHeaders().getValuesList(HttpHeader.TRANSFER_ENCODING)) {
                for (String coding : line.split(",")) {
                    String c = coding.strip().toLowerCase(Locale.ROOT);
                    if (!c.isEmpty() && !c.equals("chunked")) {
                        return true;
                    }
                }
            }
            return false;
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
