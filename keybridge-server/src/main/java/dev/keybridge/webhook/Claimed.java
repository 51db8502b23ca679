package dev.keybridge.webhook;

import dev.keybridge.tenancy.Environment;
import java.time.Instant;

/**
 * A delivery this node holds the lease on, with what it needs to send it. {@code claimedAtNanos}
 * ({@link System#nanoTime()} just before the claim) bounds how long the lease is known to hold.
 */
record Claimed(
        String deliveryId,
        int attempt,
        String leaseOwner,
        long claimedAtNanos,
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
