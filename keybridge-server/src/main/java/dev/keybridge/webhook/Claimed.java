package dev.keybridge.webhook;

import dev.keybridge.tenancy.Environment;
import java.time.Instant;

/** A delivery this node holds the lease on, with what it needs to send it. */
record Claimed(
        String deliveryId,
        int attempt,
        String leaseOwner,
        String endpointId,
        String orgId,
        Environment environment,
        String url,
        byte[] secretCiphertext,
        byte[] previousSecretCiphertext,
        Instant previousSecretExpiresAt,
        String eventId,
        String eventType,
        Instant eventCreatedAt,
        String eventData) {}
