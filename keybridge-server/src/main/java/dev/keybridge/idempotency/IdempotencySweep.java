package dev.keybridge.idempotency;

import dev.keybridge.background.ReadyLoop;
import dev.keybridge.config.KeybridgeSettings;
import org.springframework.stereotype.Component;

/**
 * Deletes idempotency keys (and their sealed answers) older than {@code KEYBRIDGE_IDEMPOTENCY_TTL},
 * every {@code KEYBRIDGE_IDEMPOTENCY_SWEEP_INTERVAL}. Batches taken with {@code SKIP LOCKED}: any
 * number of nodes may sweep at once.
 */
@Component
class IdempotencySweep extends ReadyLoop {

    static final int BATCH = 1000;

    private final IdempotencyStore store;

    IdempotencySweep(IdempotencyStore store, KeybridgeSettings settings) {
        super("idempotency-sweep", settings.idempotency().sweepInterval());
        this.store = store;
    }

    /** One batch; true while batches come back full. */
    @Override
    protected boolean pass() {
        return sweepOnce() >= BATCH;
    }

    int sweepOnce() {
        return store.sweep(BATCH);
    }

}
