package dev.keybridge.dashboard.session;

import dev.keybridge.background.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes expired dashboard sessions (expiry is already enforced when a session is looked up; this
 * only keeps the table small), every five minutes, in batches taken with {@code SKIP LOCKED} so any
 * number of nodes may sweep at once.
 */
@Component
class SessionSweep extends BackgroundLoop implements SmartLifecycle {

    static final int BATCH = 1000;

    private final SessionStore store;
    private final Clock clock;

    SessionSweep(SessionStore store, Clock clock) {
        super("dashboard-session-sweep", Duration.ofMinutes(5));
        this.store = store;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        startLoop();
    }

    @Override
    protected boolean pass() {
        return sweepOnce() >= BATCH;
    }

    int sweepOnce() {
        return store.sweep(clock.instant(), BATCH);
    }

    @Override
    public void start() {
        // started on ApplicationReadyEvent, once migrations have run
    }

    @Override
    public void stop() {
        stopLoop();
    }

    @Override
    public boolean isRunning() {
        return isLoopRunning();
    }
}
