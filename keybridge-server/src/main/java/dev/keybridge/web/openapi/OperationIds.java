package dev.keybridge.web.openapi;

import io.swagger.v3.oas.models.Operation;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Operation ids from the controller and method names ({@code AccountController.upsert} →
 * {@code accountUpsert}): stable, where springdoc's own ({@code list_2}) follow bean discovery.
 */
final class OperationIds implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        String type = handlerMethod.getBeanType().getSimpleName().replaceFirst("Controller$", "");
        String method = handlerMethod.getMethod().getName();
        operation.setOperationId(Character.toLowerCase(type.charAt(0)) + type.substring(1)
                + Character.toUpperCase(method.charAt(0)) + method.substring(1));
        operation.setTags(List.of(Character.toLowerCase(type.charAt(0)) + type.substring(1)));
        return operation;
    }
}
