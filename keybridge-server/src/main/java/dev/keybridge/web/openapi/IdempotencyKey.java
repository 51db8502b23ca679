package dev.keybridge.web.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

/** The {@code Idempotency-Key} header of the create/act calls ({@link IdempotentOperations}). */
final class IdempotencyKey {

    private IdempotencyKey() {}

    static void add(Operation op) {
        op.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                .description("A key of yours for this request (1–255 printable ASCII characters, no spaces). The same key "
                        + "with the same request within 24 h answers the first answer again (with "
                        + "`Idempotent-Replayed: true`) without acting twice.")
                .schema(new StringSchema().minLength(1).maxLength(255)));
        op.getResponses().addApiResponse("422",
                new ApiResponse().$ref("#/components/responses/" + ErrorResponses.UNPROCESSABLE));
        if (!op.getResponses().containsKey("409")) {
            op.getResponses().addApiResponse("409", new ApiResponse().$ref("#/components/responses/Conflict"));
        }
    }
}
