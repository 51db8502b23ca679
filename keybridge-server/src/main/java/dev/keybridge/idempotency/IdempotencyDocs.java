package dev.keybridge.idempotency;

import dev.keybridge.web.openapi.IdempotentOperations;
import org.springframework.stereotype.Component;

/** The OpenAPI document's list of the operations that take an {@code Idempotency-Key}: {@link IdempotentRoutes}. */
@Component
class IdempotencyDocs implements IdempotentOperations {

    @Override
    public boolean covers(String method, String path) {
        return IdempotentRoutes.covers(method, path);
    }
}
