package dev.keybridge.webhook;

import dev.keybridge.tenancy.Environment;
import java.time.Instant;
import java.util.List;

/** A receiver URL of one organization and environment, with its (encrypted) signing secrets. */
record WebhookEndpoint(
        String id,
        String orgId,
        Environment environment,
        String url,
        List<String> eventTypes,
        boolean enabled,
        byte[] secretCiphertext,
        byte[] previousSecretCiphertext,
        Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether an event of {@code type} goes to this endpoint (an empty filter means all). */
    boolean wants(String type) {
        return eventTypes.isEmpty() || eventTypes.contains(type);
    }
}
