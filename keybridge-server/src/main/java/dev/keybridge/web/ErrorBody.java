package dev.keybridge.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The wire shape of every error (wire-formats §5). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(
        boolean success,
        String error,
        @Nullable String message,
        @JsonProperty("error_type") String errorType,
        @JsonProperty("status_reason") @Nullable String statusReason,
        @JsonProperty("request_id") @Nullable String requestId) {

    /**
     * The header every error answer of Keybridge's own carries, valued with its {@code error} code (ours):
     * absent from an upstream's answer passed through the proxy. See {@link ErrorMarker}.
     */
    public static final String MARKER_HEADER = "x-keybridge-error";

    public static ErrorBody of(ApiException e, @Nullable String requestId) {
        return new ErrorBody(false, e.error(), e.getMessage(), e.type().wire(), e.statusReason(), requestId);
    }

    public static ErrorBody of(String error, ErrorType type, @Nullable String message, @Nullable String requestId) {
        return new ErrorBody(false, error, message, type.wire(), null, requestId);
    }

    /**
     * The error shape for the request being served (its request id from the request context), for
     * answers built outside the exception handler, such as the sandbox's emulated provider: its
     * {@code error} member is what OAuth2 and API clients read; the other members are extra.
     */
    public static ErrorBody current(String error, ErrorType type, String message) {
        String id = null;
        if (RequestContextHolder.getRequestAttributes()
                instanceof ServletRequestAttributes a) {
            id = RequestIds.current(a.getRequest());
        }
        return of(error, type, message, id);
    }
}
