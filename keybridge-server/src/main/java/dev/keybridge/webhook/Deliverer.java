package dev.keybridge.webhook;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.events.EventType;
import dev.keybridge.vault.Vault;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One attempt of one claimed delivery: check the URL again (SSRF), build and bound the envelope,
 * sign it with the endpoint's live secrets, send it, decide what comes next and record it, fenced
 * by the lease.
 */
@Component
class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final DeliveryStore store;
    private final Sender sender;
    private final RetryPolicy retries;
    private final UrlGuard guard;
    private final Vault vault;
    private final JsonMapper json;
    private final KeybridgeSettings.Webhooks settings;
    private final MeterRegistry meters;
    private final Clock clock;

    Deliverer(DeliveryStore store, Sender sender, RetryPolicy retries, UrlGuard guard, Vault vault, JsonMapper json,
              KeybridgeSettings settings, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.clock = clock;
        this.store = store;
        this.sender = sender;
        this.retries = retries;
        this.guard = guard;
        this.vault = vault;
        this.json = json;
        this.settings = settings.webhooks();
    }

    /** Makes one attempt and records it; true when the receiver took it (and it was recorded). */
    boolean deliver(Claimed c, String node) {
        Instant started = clock.instant();
        Outcome outcome;
        try {
            outcome = attempt(c);
        } catch (RuntimeException e) {
            log.warn("Webhook delivery {} could not be prepared: {}", c.deliveryId(), e.toString());
            outcome = Outcome.failure("internal_error: the delivery could not be prepared", 0);
        }
        if (outcome == null) {
            store.release(c);
            return false;
        }
        Outcome result = outcome;
        // A test event is one attempt: its sender is watching the log, not waiting a day of retries.
        Duration retryIn = EventType.WEBHOOK_TEST.wire().equals(c.eventType()) ? null
                : retries.nextDelay(c.attempt(), result).orElse(null);
        if (!store.finish(c, node, started, result, retryIn)) {
            log.warn("Webhook delivery {} attempt {}: lease lost before the result was recorded", c.deliveryId(),
                    c.attempt());
            return false;
        }
        meters.timer("keybridge.webhook.delivery", "outcome",
                        result.succeeded() ? "succeeded" : retryIn != null ? "retrying" : "failed")
                .record(Duration.ofMillis(Math.max(0, result.latencyMs())));
        return result.succeeded();
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
        long timestamp = clock.instant().getEpochSecond();
        String signature = Signer.signatureHeader(keys(c), c.eventId(), timestamp, body);
        return sender.send(new Sender.Request(c.environment(), c.url(), c.eventId(), timestamp, signature, c.attempt(), body));
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
                && c.previousSecretExpiresAt().isAfter(clock.instant())) {
            keys.add(SigningSecret.decrypt(vault, c.previousSecretCiphertext(), c.orgId(), c.environment(),
                    c.endpointId()));
        }
        return keys;
    }

}
