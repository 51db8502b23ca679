package dev.keybridge.refresh;

import dev.keybridge.background.BackgroundLoop;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.CredentialLease;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The background refresh loop of this node: every poll interval it leases as many due connections as
 * it has free slots ({@code FOR UPDATE SKIP LOCKED}, so nodes never claim the same one) and refreshes
 * them, at most {@code KEYBRIDGE_REFRESH_CONCURRENCY} at a time. A full batch is followed at once by
 * the next, so a wave of expiries drains without waiting for the poll interval.
 */
@Component
class RefreshScheduler extends BackgroundLoop implements SmartLifecycle {

    private final TokenRefresher refresher;
    private final CredentialLease lease;
    private final KeybridgeSettings.Refresh settings;
    private final Semaphore slots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    RefreshScheduler(TokenRefresher refresher, CredentialLease lease, KeybridgeSettings settings) {
        super("keybridge-refresh", settings.refresh().pollInterval());
        this.refresher = refresher;
        this.lease = lease;
        this.settings = settings.refresh();
        this.slots = new Semaphore(this.settings.concurrency());
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (settings.enabled()) {
            startLoop();
        }
    }

    @Override
    protected boolean pass() throws InterruptedException {
        return tick() > 0;
    }

    /** One scan: claim up to the free slots, hand each to a worker. Returns how many were claimed. */
    int tick() throws InterruptedException {
        slots.acquire();
        int free = 1 + slots.drainPermits();
        int limit = Math.min(free, settings.batchSize());
        List<Connection> due;
        try {
            due = lease.claimDue(refresher.node(), settings.lease(), settings.margin(), settings.keepAlive(), limit);
        } catch (RuntimeException e) {
            slots.release(free);
            throw e;
        }
        slots.release(free - due.size());
        for (Connection c : due) {
            workers.execute(() -> {
                try {
                    refresher.refreshClaimed(c);
                } finally {
                    slots.release();
                }
            });
        }
        return due.size();
    }

    @Override
    public void start() {
        // started by ApplicationReadyEvent, once the server and migrations are up
    }

    @Override
    public void stop() {
        stopLoop();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refresher.close();
    }

    @Override
    public boolean isRunning() {
        return isLoopRunning();
    }
}
