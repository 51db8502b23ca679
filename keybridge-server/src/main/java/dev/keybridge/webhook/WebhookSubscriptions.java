package dev.keybridge.webhook;

import dev.keybridge.events.EventType;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The original seed-000 system's webhook calls (wire-formats §6), which assume one webhook per
 * environment, on top of Keybridge's several endpoints. The rule (docs/webhooks.md):
 * <ul>
 *   <li>{@code POST /webhook} creates an endpoint, or updates the one that already has that
 *       {@code webhook_url} (no second endpoint for the same URL).</li>
 *   <li>{@code subscribe}, {@code unsubscribe} and the bare {@code DELETE /webhook} act on the
 *       environment's only endpoint; when there are several, the caller names one with
 *       {@code webhook_url} (else 409 listing them); when there is none, 404.</li>
 * </ul>
 */
@Service
class WebhookSubscriptions {

    /** An endpoint and, when it was just created, its secret (shown once). */
    record Saved(WebhookEndpoint endpoint, String secret, boolean created) {}

    private final EndpointService endpoints;
    private final EndpointStore store;
    private final TransactionTemplate tx;

    WebhookSubscriptions(EndpointService endpoints, EndpointStore store, TransactionTemplate tx) {
        this.endpoints = endpoints;
        this.store = store;
        this.tx = tx;
    }

    Saved createOrUpdate(Caller caller, EndpointInput create, EndpointInput update) {
        return tx.execute(status -> {
            store.lockScope(caller.orgId(), caller.environment());
            WebhookEndpoint same = store.all(caller.orgId(), caller.environment()).stream()
                    .filter(e -> e.url().equals(create.url())).findFirst().orElse(null);
            if (same != null) {
                return new Saved(endpoints.update(caller, same.id(), update), null, false);
            }
            EndpointService.WithSecret made = endpoints.create(caller, create);
            return new Saved(made.endpoint(), made.secret(), true);
        });
    }

    WebhookEndpoint subscribe(Caller caller, List<String> events, String url) {
        return tx.execute(status -> {
            WebhookEndpoint e = pick(caller, url);
            if (e.eventTypes().isEmpty()) {
                return e; // already receives every event
            }
            Set<String> next = new LinkedHashSet<>(e.eventTypes());
            next.addAll(events);
            return endpoints.update(caller, e.id(), new EndpointInput(null, List.copyOf(next), null));
        });
    }

    WebhookEndpoint unsubscribe(Caller caller, String event, String url) {
        return tx.execute(status -> {
            WebhookEndpoint e = pick(caller, url);
            List<String> current = e.eventTypes();
            if (current.isEmpty()) {
                current = new ArrayList<>();
                for (EventType<?> t : EventType.values()) {
                    current.add(t.wire());
                }
            }
            List<String> next = new ArrayList<>(current);
            next.remove(event);
            if (next.isEmpty()) {
                throw new Errors.Conflict("no_events_left", "Unsubscribing '" + event + "' would leave the endpoint "
                        + "with no events. Delete it (DELETE /api/v2/public/webhook) or set is_enabled to false.");
            }
            return endpoints.update(caller, e.id(), new EndpointInput(null, List.copyOf(next), null));
        });
    }

    WebhookEndpoint deleteOne(Caller caller, String url) {
        return tx.execute(status -> {
            WebhookEndpoint e = pick(caller, url);
            endpoints.delete(caller, e.id());
            return e;
        });
    }

    private WebhookEndpoint pick(Caller caller, String url) {
        store.lockScope(caller.orgId(), caller.environment());
        List<WebhookEndpoint> all = store.all(caller.orgId(), caller.environment());
        if (url != null) {
            return all.stream().filter(e -> e.url().equals(url)).findFirst().orElseThrow(() -> new Errors.NotFound(
                    "webhook_not_found", "No webhook endpoint in this environment has that webhook_url."));
        }
        if (all.isEmpty()) {
            throw new Errors.NotFound("webhook_not_found", "This environment has no webhook endpoint. "
                    + "Create one with POST /api/v2/public/webhook.");
        }
        if (all.size() > 1) {
            throw new Errors.Conflict("several_webhook_endpoints", "This environment has " + all.size()
                    + " webhook endpoints (" + String.join(", ", all.stream().map(WebhookEndpoint::id).toList())
                    + "): name one with 'webhook_url', or use /api/v2/public/webhook/{id}.");
        }
        return all.getFirst();
    }
}
