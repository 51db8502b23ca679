package dev.keybridge.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes an error in the wire shape from places outside Spring MVC (servlet filters). */
@Component
public class ErrorWriter {

    private final JsonMapper json;

    public ErrorWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        write(response, e.status(), ErrorBody.of(e, RequestIds.current(request)),
                e instanceof ApiException.RetryLater r ? r.retryAfterSeconds() : null);
    }

    public void write(HttpServletResponse response, int status, ErrorBody body, @Nullable Long retryAfter)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (body.error() != null) {
            response.setHeader(ErrorBody.MARKER_HEADER, body.error());
        }
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
        }
        json.writeValue(response.getOutputStream(), body);
    }
}
