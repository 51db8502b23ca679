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
        Instant updatedAt) {}
