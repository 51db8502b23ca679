package dev.keybridge.web.openapi;

/**
 * Which operations take an {@code Idempotency-Key} header, told by the feature that honours it (the
 * {@code idempotency} package provides the bean), so the document names the header and its 422/409
 * answers there without {@code web} depending on a feature package.
 */
@FunctionalInterface
public interface IdempotentOperations {

    /** Whether {@code method} on {@code path} (a template such as {@code /a/{id}/b}) takes the header. */
    boolean covers(String method, String path);
}
