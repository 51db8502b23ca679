package dev.keybridge.web.openapi;

import dev.keybridge.web.Idempotent;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/** The {@code Idempotency-Key} header (and its 409/422 answers) of the operations whose handler is {@link Idempotent}. */
final class IdempotencyKey implements OperationCustomizer {

    @Override
    public Operation customize(Operation op, HandlerMethod handlerMethod) {
        if (handlerMethod.hasMethodAnnotation(Idempotent.class)) {
            add(op);
        }
        return op;
    }

    private static void add(Operation op) {
        op.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                .description("A key of yours for this request (1–255 printable ASCII characters, no spaces). The same key "
                        + "with the same request within 24 h answers the first answer again (with "
                        + "`Idempotent-Replayed: true`) without acting twice.")
                .schema(new StringSchema().minLength(1).maxLength(255)));
        if (op.getResponses() == null) {
            op.setResponses(new ApiResponses());
        }
        op.getResponses().addApiResponse("422",
                new ApiResponse().$ref("#/components/responses/" + ErrorResponses.UNPROCESSABLE));
        if (!op.getResponses().containsKey("409")) {
            op.getResponses().addApiResponse("409", new ApiResponse().$ref("#/components/responses/Conflict"));
        }
    }
}
