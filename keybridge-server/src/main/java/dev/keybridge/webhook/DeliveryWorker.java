package dev.keybridge.webhook;

import dev.keybridge.background.BackgroundLoop;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Ids;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
     * Deliveries this node is sending (or about to), per endpoint; absent means none. The per-endpoint
     * cap holds exactly on one node through these slots: the loop (one thread, so its claims run one at
     * a time) takes a slot for each delivery it claims, giving back the delivery when the endpoint has
     * none free, and a worker chaining to the next delivery of the same endpoint hands its own slot on,
     * so chained claims need no lock and run in parallel. Across nodes the loop's SQL count of live
     * leases keeps the cap (it may overshoot a little).
     */
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
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
        try {
            claimed = store.claim(owner(), available, settings.maxInFlightPerEndpoint(), settings.lease());
        } catch (RuntimeException e) {
            free.release(available);
            throw e;
        }
        int started = 0;
        for (Claimed c : claimed) {
            if (takeSlot(c.endpointId())) {
                started++;
                sends.execute(() -> run(c));
            } else {
                store.release(c);
            }
        }
        free.release(available - started);
        return started == available;
    }

    /**
     * Delivers {@code first}, then, while the receiver keeps answering 2xx, hands this worker's slot
     * straight to the next due delivery of the same endpoint (at most {@link #CHAIN} in a row) instead
     * of going back through the claim loop: a backlog drains without one claim round trip per
     * delivery. The chained claim keeps the worker's slot of that endpoint: what is in flight never grows
     * through a chain, only through the loop's claim, which counts every node's leases against the cap.
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
            freeSlot(first.endpointId());
            free.release();
            wake();
        }
    }

    /** The next due delivery of the endpoint {@code done} went to, in {@code done}'s slot (no lock). */
    private Claimed next(Claimed done) {
        return store.claimNext(done.endpointId(), owner(), settings.lease()).orElse(null);
    }

    private boolean takeSlot(String endpointId) {
        int cap = settings.maxInFlightPerEndpoint();
        boolean[] took = {false};
        inFlight.compute(endpointId, (k, n) -> {
            int now = n == null ? 0 : n;
            took[0] = now < cap;
            return took[0] ? now + 1 : n;
        });
        return took[0];
    }

    private void freeSlot(String endpointId) {
        inFlight.computeIfPresent(endpointId, (k, n) -> n <= 1 ? null : n - 1);
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
