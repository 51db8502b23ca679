package dev.keybridge.webhook;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.events.Events;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns outbox events into deliveries, on every node: a loop that wakes when this node commits
 * events (and at least every poll interval, for events other nodes wrote) and dispatches batches
 * with {@code FOR UPDATE SKIP LOCKED} until none are left. Each batch is one transaction, so a
 * crash leaves its events undispatched and another pass takes them.
 */
@Component
class FanOut implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);
    static final int BATCH = 500;

    private final DeliveryStore store;
    private final DeliveryWorker worker;
    private final Duration poll;
    private final boolean enabled;
    private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
    private volatile boolean running;
    private Thread thread;

    FanOut(DeliveryStore store, DeliveryWorker worker, KeybridgeSettings settings) {
        this.store = store;
        this.worker = worker;
        this.poll = settings.webhooks().pollInterval();
        this.enabled = settings.webhooks().enabled();
    }

    @EventListener
    void onCommitted(Events.Committed committed) {
        wake.offer(Boolean.TRUE);
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("webhook-fanout").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                int taken;
                do {
                    taken = store.fanOut(BATCH);
                    if (taken > 0) {
                        worker.wake();
                    }
                } while (taken == BATCH && running);
                wake.poll(poll.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Webhook fan-out failed; retrying: {}", e.toString());
                sleep();
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
