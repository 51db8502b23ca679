package dev.keybridge.webhook;

import dev.keybridge.background.BackgroundLoop;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.events.Events;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns outbox events into deliveries, on every node: a loop that wakes when this node commits
 * events (and at least every poll interval, for events other nodes wrote) and dispatches batches
 * with {@code FOR UPDATE SKIP LOCKED} until none are left. Each batch is one transaction (the
 * outbox marks its events dispatched, the deliveries are written), so a crash leaves its events
 * undispatched and another pass takes them.
 */
@Component
class FanOut extends BackgroundLoop implements SmartLifecycle {

    static final int BATCH = 500;
    /**
     * The least time between two passes: under a stream of commits (each wakes the loop) a pass then
     * takes every event of the last few milliseconds in one statement instead of one statement per
     * commit, at the price of at most this much delay.
     */
    static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private long lastPass = System.nanoTime() - MIN_GAP_NANOS;

    private final Events events;
    private final DeliveryStore store;
    private final TransactionTemplate tx;
    private final DeliveryWorker worker;
    private final boolean enabled;

    FanOut(Events events, DeliveryStore store, TransactionTemplate tx, DeliveryWorker worker, KeybridgeSettings settings) {
        super("webhook-fanout", settings.webhooks().pollInterval());
        this.events = events;
        this.store = store;
        this.tx = tx;
        this.worker = worker;
        this.enabled = settings.webhooks().enabled();
    }

    @EventListener
    void onCommitted(Events.Committed committed) {
        wake();
    }

    @Override
    protected boolean pass() throws InterruptedException {
        long wait = MIN_GAP_NANOS - (System.nanoTime() - lastPass);
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        lastPass = System.nanoTime();
        Integer taken = tx.execute(s -> store.deliver(events.dispatch(BATCH)));
        if (taken != null && taken > 0) {
            worker.wake();
        }
        return taken != null && taken == BATCH;
    }

    @Override
    public void start() {
        if (enabled) {
            startLoop();
        }
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
