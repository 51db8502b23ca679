package dev.keybridge.webhook;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.vault.Vault;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates, changes, deletes endpoints and rotates their secrets. */
@Service
class EndpointService {

    /** An endpoint with the secret to show once. */
    record WithSecret(WebhookEndpoint endpoint, String secret) {}

    private final EndpointStore store;
    private final UrlGuard guard;
    private final Vault vault;
    private final TransactionTemplate tx;
    private final Duration overlap;
    private final int maxEndpoints;
    private final Clock clock;

    EndpointService(EndpointStore store, UrlGuard guard, Vault vault, TransactionTemplate tx,
                    KeybridgeSettings settings, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.guard = guard;
        this.vault = vault;
        this.tx = tx;
        this.overlap = settings.webhooks().secretOverlap();
        this.maxEndpoints = settings.webhooks().maxEndpoints();
    }

    WithSecret create(Caller caller, EndpointInput in) {
        guard.checkForSave(caller.environment(), EndpointInput.URL, in.url());
        return tx.execute(status -> {
            // Serializes creates of one organization so the cap holds.
            store.lockScope(caller.orgId(), caller.environment());
            if (store.count(caller.orgId(), caller.environment()) >= maxEndpoints) {
                throw new Errors.Conflict("too_many_webhook_endpoints",
                        "This environment already has " + maxEndpoints + " webhook endpoints.");
            }
            String id = "whe_" + Ids.objectId();
            byte[] key = SigningSecret.generate();
            Instant now = clock.instant();
            WebhookEndpoint e = new WebhookEndpoint(id, caller.orgId(), caller.environment(), in.url(), in.eventTypes(),
                    in.enabled(), SigningSecret.encrypt(vault, key, caller.orgId(), caller.environment(), id),
                    null, null, now, now);
            store.insert(e);
            return new WithSecret(e, SigningSecret.display(key));
        });
    }

    WebhookEndpoint get(Caller caller, String id) {
        return store.find(caller.orgId(), caller.environment(), id)
                .orElseThrow(() -> Errors.notFound("webhook endpoint", id));
    }

    WebhookEndpoint update(Caller caller, String id, EndpointInput in) {
        if (in.url() != null) {
            guard.checkForSave(caller.environment(), EndpointInput.URL, in.url());
        }
        return tx.execute(status -> {
            WebhookEndpoint cur = store.findForUpdate(caller.orgId(), caller.environment(), id)
                    .orElseThrow(() -> Errors.notFound("webhook endpoint", id));
            WebhookEndpoint next = new WebhookEndpoint(cur.id(), cur.orgId(), cur.environment(),
                    in.url() != null ? in.url() : cur.url(),
                    in.eventTypes() != null ? in.eventTypes() : cur.eventTypes(),
                    in.enabled() != null ? in.enabled() : cur.enabled(),
                    cur.secretCiphertext(), cur.previousSecretCiphertext(), cur.previousSecretExpiresAt(),
                    cur.createdAt(), clock.instant());
            store.update(next);
            return next;
        });
    }

    void delete(Caller caller, String id) {
        if (!store.delete(caller.orgId(), caller.environment(), id)) {
            throw Errors.notFound("webhook endpoint", id);
        }
    }

    /**
     * A new secret; the current one stays valid (both signatures are sent) for the overlap. A
     * secret still in its overlap from an earlier rotation is dropped.
     */
    WithSecret rotate(Caller caller, String id) {
        return tx.execute(status -> {
            WebhookEndpoint cur = store.findForUpdate(caller.orgId(), caller.environment(), id)
                    .orElseThrow(() -> Errors.notFound("webhook endpoint", id));
            byte[] key = SigningSecret.generate();
            Instant now = clock.instant();
            Instant expires = now.plus(overlap);
            byte[] secret = SigningSecret.encrypt(vault, key, cur.orgId(), cur.environment(), cur.id());
            store.rotate(cur, secret, cur.secretCiphertext(), expires, now);
            WebhookEndpoint next = new WebhookEndpoint(cur.id(), cur.orgId(), cur.environment(), cur.url(),
                    cur.eventTypes(), cur.enabled(), secret, cur.secretCiphertext(), expires, cur.createdAt(), now);
            return new WithSecret(next, SigningSecret.display(key));
        });
    }
}
