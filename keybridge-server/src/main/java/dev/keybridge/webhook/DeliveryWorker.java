package dev.keybridge.webhook;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.vault.Vault;
import dev.keybridge.web.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due deliveries. One loop per node claims as many due deliveries as it has free workers
 * (a lease in the row, taken with {@code FOR UPDATE SKIP LOCKED}), and each is sent on its own
 * virtual thread; at most {@code KEYBRIDGE_WEBHOOK_WORKERS} sends run at once, each bounded by the
 * timeout, so a slow receiver holds one worker and nothing else. The result is written only while
 * the lease still holds; a node that dies leaves leases that expire, and the deliveries are
 * claimed again.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryStore store;
    private final Sender sender;
    private final RetryPolicy retries;
    private final UrlGuard guard;
    private final Vault vault;
    private final JsonMapper json;
    private final KeybridgeSettings.Webhooks settings;
    private final String node = "node-" + ProcessHandle.current().pid() + "-" + Ids.random(6);
    private final Semaphore free;
    private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
    private volatile boolean running;
    private Thread thread;
    private ExecutorService sends;

    DeliveryWorker(DeliveryStore store, Sender sender, RetryPolicy retries, UrlGuard guard, Vault vault,
                   JsonMapper json, KeybridgeSettings settings) {
        this.store = store;
        this.sender = sender;
        this.retries = retries;
        this.guard = guard;
        this.vault = vault;
        this.json = json;
        this.settings = settings.webhooks();
        this.free = new Semaphore(this.settings.workers());
    }

    /** Asks the loop to look for due deliveries now. */
    void wake() {
        wake.offer(Boolean.TRUE);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        running = true;
        sends = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-send-", 0).factory());
        thread = Thread.ofPlatform().daemon().name("webhook-claim").start(this::loop);
    }

    private void loop() {
        while (running) {
            int available = 0;
            try {
                free.acquire();
                available = 1 + free.drainPermits();
                List<Claimed> claimed = store.claim(node + ":" + Ids.random(8), available, settings.maxInFlightPerEndpoint(),
                        settings.lease());
                free.release(available - claimed.size());
                available = 0;
                for (Claimed c : claimed) {
                    sends.execute(() -> run(c));
                }
                if (claimed.size() < available) {
                    wake.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                free.release(available);
                log.warn("Claiming webhook deliveries failed; retrying: {}", e.toString());
                pause();
            }
        }
    }

    private void run(Claimed c) {
        try {
            if (!running) {
                store.release(c);
                return;
            }
            deliver(c);
        } catch (RuntimeException e) {
            log.warn("Webhook delivery {} failed unexpectedly: {}", c.deliveryId(), e.toString());
        } finally {
            free.release();
            wake();
        }
    }

    void deliver(Claimed c) {
        Instant started = Instant.now();
        Outcome outcome;
        try {
            outcome = attempt(c);
        } catch (RuntimeException e) {
            log.warn("Webhook delivery {} could not be prepared: {}", c.deliveryId(), e.toString());
            outcome = Outcome.failure("internal_error: the delivery could not be prepared", 0);
        }
        if (outcome == null) {
            store.release(c);
            return;
        }
        Outcome result = outcome;
        Duration retryIn = retries.nextDelay(c.attempt(), result).orElse(null);
        if (!store.finish(c, node, started, result, retryIn)) {
            log.warn("Webhook delivery {} attempt {}: lease lost before the result was recorded", c.deliveryId(),
                    c.attempt());
        }
    }

    /** The outcome of one attempt, or null when there was no time left to make it. */
    private Outcome attempt(Claimed c) {
        Optional<String> refusal = guard.refusalAtSend(c.environment(), c.url());
        if (refusal.isPresent()) {
            return Outcome.refused("url_refused: " + refusal.get());
        }
        byte[] body = Envelope.of(json, c);
        if (body.length > settings.maxPayloadBytes()) {
            return Outcome.refused("payload_too_large: " + body.length + " bytes, limit " + settings.maxPayloadBytes());
        }
        if (!leaseOutlastsSend(c)) {
            return null;
        }
        long timestamp = Instant.now().getEpochSecond();
        String signature = Signer.signatureHeader(keys(c), c.eventId(), timestamp, body);
        return sender.send(new Sender.Request(c.url(), c.eventId(), timestamp, signature, c.attempt(), body));
    }

    /**
     * Whether a send started now ends before the lease does. Resolving the host for the SSRF check
     * happens before the send and is not bounded by the send timeout; a claim that has aged too much
     * is given back rather than risk a second node sending the same delivery at the same time.
     */
    private boolean leaseOutlastsSend(Claimed c) {
        long left = settings.lease().toNanos() - (System.nanoTime() - c.claimedAtNanos());
        return left > settings.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
    }

    private List<byte[]> keys(Claimed c) {
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(SigningSecret.decrypt(vault, c.secretCiphertext(), c.orgId(), c.environment(), c.endpointId()));
        if (c.previousSecretCiphertext() != null && c.previousSecretExpiresAt() != null
                && c.previousSecretExpiresAt().isAfter(Instant.now())) {
            keys.add(SigningSecret.decrypt(vault, c.previousSecretCiphertext(), c.orgId(), c.environment(),
                    c.endpointId()));
        }
        return keys;
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
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
        return running;
    }
}
