package dev.keybridge.dashboard.session;

import dev.keybridge.background.ReadyLoop;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Deletes expired dashboard sessions (expiry is already enforced when a session is looked up; this
 * only keeps the table small), every five minutes, in batches taken with {@code SKIP LOCKED} so any
 * number of nodes may sweep at once.
 */
@Component
class SessionSweep extends ReadyLoop {

    static final int BATCH = 1000;

    private final SessionStore store;
    private final Clock clock;

    SessionSweep(SessionStore store, Clock clock) {
        super("dashboard-session-sweep", Duration.ofMinutes(5));
        this.store = store;
        this.clock = clock;
    }

    @Override
    protected boolean pass() {
        return sweepOnce() >= BATCH;
    }

    int sweepOnce() {
        return store.sweep(clock.instant(), BATCH);
    }

}
