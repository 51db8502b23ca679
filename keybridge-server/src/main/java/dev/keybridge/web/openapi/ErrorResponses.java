package dev.keybridge.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The error shape of wire-formats §5 ({@code web.ErrorBody}) as a schema and as shared responses. */
final class ErrorResponses {

    static final String SCHEMA = "Error";
    static final String UNPROCESSABLE = "Unprocessable";

    /** Status → (component name, description). */
    private static final Map<String, String[]> RESPONSES = new LinkedHashMap<>();

    static {
        RESPONSES.put("400", new String[] {"BadRequest", "The request is not valid (`invalid_request`): the message names the field."});
        RESPONSES.put("401", new String[] {"Unauthorized", "No credential, or one that is not valid (`unauthorized`)."});
        RESPONSES.put("403", new String[] {"Forbidden", "This credential cannot call this endpoint, or the connection needs the end user (`login_required`)."});
        RESPONSES.put("404", new String[] {"NotFound", "No such object in this organization and environment (`not_found`)."});
        RESPONSES.put("406", new String[] {"NotAcceptable", "The Accept header does not allow application/json (`not_acceptable`); "
                + "nothing was done."});
        RESPONSES.put("409", new String[] {"Conflict", "It exists already, another request changed it first, or the same Idempotency-Key is still running (`idempotency_key_in_progress`, with Retry-After)."});
        RESPONSES.put("413", new String[] {"PayloadTooLarge", "The body is larger than the server accepts."});
        RESPONSES.put("415", new String[] {"UnsupportedMediaType", "The body is not sent as application/json."});
        RESPONSES.put("422", new String[] {UNPROCESSABLE, "The request cannot be done as sent, e.g. `idempotency_key_reused` (this Idempotency-Key was used for another request)."});
        RESPONSES.put("429", new String[] {"TooManyRequests", "Rate limited (`rate_limited`); see the Retry-After header."});
        RESPONSES.put("502", new String[] {"BadGateway", "The app's API could not be reached (`upstream_unreachable`) or answered "
                + "too slowly (`upstream_timeout`)."});
        RESPONSES.put("500", new String[] {"InternalError", "Something went wrong on the server (`internal_error`); quote the request id."});
        RESPONSES.put("503", new String[] {"Unavailable", "The server is overloaded (`overloaded`: every database connection "
                + "stayed busy) or the database is away for a moment (`database_unavailable`); retry after the Retry-After header."});
    }

    private ErrorResponses() {}

    static void register(Components components) {
        components.addSchemas(SCHEMA, schema());
        RESPONSES.forEach((status, r) -> components.addResponses(r[0], new ApiResponse().description(r[1])
                .content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))))));
    }

    /** Adds the shared error responses an operation can answer, keeping any it declares itself. */
    static void add(Operation op, boolean authenticated, boolean hasPathObject, boolean hasBody) {
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        op.setResponses(responses);
        for (String status : RESPONSES.keySet()) {
            boolean applies = switch (status) {
                case "401", "403" -> authenticated;
                case "404" -> hasPathObject;
                case "409", "422", "502" -> false; // registered for operations that declare them
                case "415" -> hasBody;    // 413 applies to every operation: a body too large is refused even where none is read
                default -> true;
            };
            if (applies && !responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + RESPONSES.get(status)[0]));
            }
        }
    }

    /** The shared error response of {@code status}; a status without one is a mistake in a declaration. */
    static ApiResponse reference(String status) {
        String[] r = RESPONSES.get(status);
        if (r == null) {
            throw new IllegalStateException("No shared error response for status " + status + ": add it to ErrorResponses");
        }
        return new ApiResponse().$ref("#/components/responses/" + r[0]);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> schema() {
        ObjectSchema s = new ObjectSchema();
        s.description("Every error answer (wire-formats §5).");
        s.addProperty("success", new BooleanSchema().description("Always false."));
        s.addProperty("error", new StringSchema().description("Machine code, e.g. `invalid_request`, `login_required`, `not_found`."));
        s.addProperty("message", new StringSchema().description("For a person; names the field for a 400."));
        StringSchema type = new StringSchema();
        type.setEnum(List.of("invalid_request", "authentication", "not_found", "conflict", "rate_limited", "connection", "internal"));
        s.addProperty("error_type", type.description("The family of the error."));
        s.addProperty("status_reason", new StringSchema().description(
                "Where a connection is involved, why it needs the end user (e.g. `password_expired`, `otp_expired`, `consent_revoked`)."));
        s.addProperty("request_id", new StringSchema().description("The request id (also the x-request-id header)."));
        s.setRequired(List.of("success", "error", "message", "error_type"));
        return s;
    }
}
