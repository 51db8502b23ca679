package dev.keybridge.webhook;

import dev.keybridge.events.EventData;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook package's public face for the dashboard: the same endpoint rules (URL guard, event
 * names, the cap) as the API, because forms are turned into the API's own input and checked by it.
 */
@Service
public class WebhookConsole {

    /** An endpoint as a page shows it (no secret). */
    public record Endpoint(String id, String url, List<String> eventTypes, boolean enabled, Instant createdAt) {}

    /** An endpoint and its signing secret, shown once. */
    public record WithSecret(Endpoint endpoint, String secret) {}

    public record Delivery(String id, String eventId, String eventType, boolean manual, String status, int attempts,
                           Integer lastStatusCode, String lastError, Instant createdAt) {}

    public record Attempt(String deliveryId, String eventId, int attempt, Instant startedAt, Integer statusCode,
                          int latencyMs, String excerpt, String error) {}

    /** One delivery: what it sends (the signed body, without its signature headers) and each answer it got. */
    public record DeliveryDetail(Delivery delivery, String payload, List<Attempt> attempts) {}

    private final DeliveryPayloads payloads;
    private final EndpointService endpoints;
    private final EndpointStore store;
    private final DeliveryStore deliveries;
    private final DeliveryWorker worker;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Events events;
    private final Clock clock;

    WebhookConsole(EndpointService endpoints, EndpointStore store, DeliveryStore deliveries, DeliveryWorker worker,
                   JsonMapper json, TransactionTemplate tx, Events events, Clock clock, DeliveryPayloads payloads) {
        this.payloads = payloads;
        this.endpoints = endpoints;
        this.store = store;
        this.deliveries = deliveries;
        this.worker = worker;
        this.json = json;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    public List<Endpoint> endpoints(Caller caller) {
        return store.page(caller.orgId(), caller.environment(), null, 100).stream().map(WebhookConsole::view).toList();
    }

    public Endpoint endpoint(Caller caller, String id) {
        return view(endpoints.get(caller, id));
    }

    public WithSecret create(Caller caller, String url, List<String> eventTypes) {
        ObjectNode body = json.createObjectNode();
        body.put(EndpointInput.URL, url);
        eventTypes.forEach(body.putArray(EndpointInput.EVENTS)::add);
        EndpointService.WithSecret w = endpoints.create(caller, EndpointInput.forCreate(body));
        return new WithSecret(view(w.endpoint()), w.secret());
    }

    /** Changes the URL (null: kept), the event filter and whether it is enabled, under the API's rules. */
    public Endpoint update(Caller caller, String id, String url, List<String> eventTypes, boolean enabled) {
        ObjectNode body = json.createObjectNode();
        if (url != null) {
            body.put(EndpointInput.URL, url);
        }
        eventTypes.forEach(body.putArray(EndpointInput.EVENTS)::add);
        body.put(EndpointInput.ENABLED, enabled);
        return view(endpoints.update(caller, id, EndpointInput.forUpdate(body)));
    }

    /** Deletes the endpoint: nothing more is sent to it (as {@code DELETE /api/v2/public/webhook/{id}}). */
    public void delete(Caller caller, String id) {
        endpoints.delete(caller, id);
    }

    public WithSecret rotate(Caller caller, String id) {
        EndpointService.WithSecret w = endpoints.rotate(caller, id);
        return new WithSecret(view(w.endpoint()), w.secret());
    }

    /** The newest deliveries of an endpoint, optionally only those with {@code status}. */
    public List<Delivery> deliveries(Caller caller, String endpointId, String status, int limit) {
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        return deliveries.deliveries(e.id(), status, null, null, limit).stream().map(WebhookConsole::view).toList();
    }

    private static Delivery view(DeliveryStore.DeliveryRow d) {
        return new Delivery(d.id(), d.eventId(), d.eventType(), d.manual(), d.status(), d.attempts(),
                d.lastStatusCode(), d.lastError(), d.createdAt());
    }

    public List<Attempt> attempts(Caller caller, String endpointId, int limit) {
        return attempts(endpoints.get(caller, endpointId), null, limit);
    }

    /** A delivery of the endpoint with its payload and its attempts, newest first; 404 when the endpoint has none such. */
    public DeliveryDetail delivery(Caller caller, String endpointId, String deliveryId) {
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        DeliveryPayloads.Payload payload = payloads.of(caller.orgId(), e.id(), deliveryId)
                .orElseThrow(() -> Errors.notFound("delivery", deliveryId));
        Delivery d = deliveries.deliveries(e.id(), null, payload.eventId(), null, 100).stream()
                .filter(r -> r.id().equals(deliveryId)).findFirst().map(WebhookConsole::view)
                .orElseThrow(() -> Errors.notFound("delivery", deliveryId));
        return new DeliveryDetail(d, payload.body(), attempts(e, deliveryId, 100));
    }

    private List<Attempt> attempts(WebhookEndpoint e, String deliveryId, int limit) {
        return deliveries.attempts(e.id(), null, deliveryId, null, limit).stream()
                .map(a -> new Attempt(a.deliveryId(), a.eventId(), a.attempt(), a.startedAt(), a.statusCode(),
                        a.latencyMs(), a.excerpt(), a.error()))
                .toList();
    }

    public String redeliver(Caller caller, String endpointId, String eventId) {
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        String id = deliveries.redeliver(caller.orgId(), caller.environment(), e.id(), eventId);
        if (id == null) {
            throw Errors.notFound("event", eventId);
        }
        worker.wake();
        return id;
    }

    /** Sends a {@code webhook.test} event to this endpoint only. Returns the delivery id. */
    public String sendTest(Caller caller, String endpointId) {
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        EventData.WebhookTest data = new EventData.WebhookTest("A test event from the Keybridge dashboard.",
                Timestamps.format(clock.instant()));
        String id = tx.execute(s -> deliveries.redeliver(e.orgId(), e.environment(), e.id(),
                events.emitDispatched(e.orgId(), e.environment(), EventType.WEBHOOK_TEST, data)));
        worker.wake();
        return id;
    }

    /** Deliveries created in the last {@code window}, per status (pending, succeeded, failed). */
    public Map<String, Long> countsSince(Caller caller, Duration window) {
        return deliveries.countsSince(caller.orgId(), caller.environment(), clock.instant().minus(window));
    }

    private static Endpoint view(WebhookEndpoint e) {
        return new Endpoint(e.id(), e.url(), e.eventTypes(), e.enabled(), e.createdAt());
    }
}
