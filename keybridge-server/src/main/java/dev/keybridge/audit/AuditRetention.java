package dev.keybridge.audit;

import dev.keybridge.background.ReadyLoop;
import dev.keybridge.config.AuditSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Deletes audit records older than {@code KEYBRIDGE_AUDIT_RETENTION} (400 days), each chain's oldest first and
 * in batches, keeping every chain verifiable: the head's anchor moves past what was deleted
 * ({@link AuditStore#sweep}). Safe on many nodes: a chain is swept under its head's lock.
 */
@Component
class AuditRetention extends ReadyLoop {

    static final int BATCH = 10_000;

    private final AuditStore store;
    private final Clock clock;
    private final Duration retention;

    AuditRetention(AuditStore store, AuditSettings settings, Clock clock) {
        super("audit-retention", Duration.ofMinutes(10));
        this.store = store;
        this.clock = clock;
        this.retention = settings.retention();
    }

    @Override
    protected boolean pass() {
        return sweep() > 0;
    }

    /** One round over every chain; the number of records deleted. */
    int sweep() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = 0;
        for (ChainKey chain : store.chains()) {
            deleted += store.sweep(chain, cutoff, BATCH);
        }
        return deleted;
    }
}
