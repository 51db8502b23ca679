package dev.keybridge.web.openapi;

import dev.keybridge.web.ErrorAnswers;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/** The error answers a handler declares with {@link ErrorAnswers}, as references to the shared error responses. */
final class DeclaredErrors implements OperationCustomizer {

    @Override
    public Operation customize(Operation op, HandlerMethod handlerMethod) {
        ErrorAnswers declared = handlerMethod.getMethodAnnotation(ErrorAnswers.class);
        if (declared != null) {
            if (op.getResponses() == null) {
                op.setResponses(new ApiResponses());
            }
            for (int status : declared.value()) {
                String code = Integer.toString(status);
                if (!op.getResponses().containsKey(code)) {
                    op.getResponses().addApiResponse(code, ErrorResponses.reference(code));
                }
            }
        }
        return op;
    }
}
