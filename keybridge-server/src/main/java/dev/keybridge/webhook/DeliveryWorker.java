package dev.keybridge.webhook;

import dev.keybridge.background.BackgroundLoop;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Ids;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs due deliveries. One loop per node claims as many due deliveries as it has free workers
 * (a lease in the row, taken with {@code FOR UPDATE SKIP LOCKED}, at most a few per endpoint), and
 * each is handed to the {@link Deliverer} on its own virtual thread; at most
 * {@code KEYBRIDGE_WEBHOOK_WORKERS} run at once, each bounded by the timeout. A node that dies
 * leaves leases that expire, and the deliveries are claimed again.
 */
@Component
class DeliveryWorker extends BackgroundLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** How many deliveries one worker may take in a row from the same endpoint before yielding. */
    static final int CHAIN = 100;

    private final DeliveryStore store;
    private final Deliverer deliverer;
    private final KeybridgeSettings.Webhooks settings;
    private final String node = "node-" + ProcessHandle.current().pid() + "-" + Ids.random(6);
    private final Semaphore free;
    /**
     * Claims of this node run one at a time, so each sees the leases of the one before and the
     * per-endpoint cap holds exactly on one node (across nodes it may overshoot a little).
     */
    private final ReentrantLock claiming = new ReentrantLock();
    private ExecutorService sends;

    DeliveryWorker(DeliveryStore store, Deliverer deliverer, KeybridgeSettings settings) {
        super("webhook-claim", settings.webhooks().pollInterval());
        this.store = store;
        this.deliverer = deliverer;
        this.settings = settings.webhooks();
        this.free = new Semaphore(this.settings.workers());
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        sends = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-send-", 0).factory());
        startLoop();
    }

    /** Claims as many due deliveries as there are free workers; true when it filled them all. */
    @Override
    protected boolean pass() throws InterruptedException {
        free.acquire();
        int available = 1 + free.drainPermits();
        List<Claimed> claimed;
        claiming.lock();
        try {
            claimed = store.claim(owner(), available, settings.maxInFlightPerEndpoint(), settings.lease());
        } catch (RuntimeException e) {
            free.release(available);
            throw e;
        } finally {
            claiming.unlock();
        }
        free.release(available - claimed.size());
        for (Claimed c : claimed) {
            sends.execute(() -> run(c));
        }
        return claimed.size() == available;
    }

    /**
     * Delivers {@code first}, then, while the receiver keeps answering 2xx, hands this worker's slot
     * straight to the next due delivery of the same endpoint (at most {@link #CHAIN} in a row) instead
     * of going back through the claim loop: a backlog drains without one claim round trip per
     * delivery. The chained claim checks the per-endpoint cap like the loop does.
     */
    private void run(Claimed first) {
        Claimed c = first;
        try {
            for (int i = 0; c != null; i++) {
                if (!isLoopRunning()) {
                    store.release(c);
                    return;
                }
                boolean took = deliverer.deliver(c, node);
                c = took && i < CHAIN ? next(c) : null;
            }
        } catch (RuntimeException e) {
            log.warn("Webhook delivery {} failed unexpectedly: {}", c == null ? "?" : c.deliveryId(), e.toString());
        } finally {
            free.release();
            wake();
        }
    }

    private Claimed next(Claimed done) {
        claiming.lock();
        try {
            return store.claimNext(done.endpointId(), owner(), settings.maxInFlightPerEndpoint(), settings.lease())
                    .orElse(null);
        } finally {
            claiming.unlock();
        }
    }

    private String owner() {
        return node + ":" + Ids.random(8);
    }

    @Override
    public void stop() {
        stopLoop();
        if (sends != null) {
            sends.shutdown();
            try {
                sends.awaitTermination(settings.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return isLoopRunning();
    }
}
