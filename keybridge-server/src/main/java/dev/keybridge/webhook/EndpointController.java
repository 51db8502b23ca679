package dev.keybridge.webhook;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Cursors;
import dev.keybridge.web.Timestamps;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The webhook endpoints API, for server credentials. */
@RestController
@RequestMapping("/api/v2/public/webhook")
class EndpointController {

    private final EndpointService endpoints;
    private final EndpointStore store;
    private final WebhookSubscriptions subscriptions;
    private final java.time.Clock clock;

    EndpointController(EndpointService endpoints, EndpointStore store, WebhookSubscriptions subscriptions,
                       java.time.Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.endpoints = endpoints;
        this.store = store;
    }

    /**
     * Creates an endpoint (201, with its secret), or updates the one that already has this
     * {@code webhook_url} (200, no secret): the original system's "create or update".
     */
    @PostMapping
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        WebhookSubscriptions.Saved saved = subscriptions.createOrUpdate(caller, EndpointInput.forCreate(body),
                EndpointInput.forUpdate(body));
        if (!saved.created()) {
            return ResponseEntity.ok(EndpointView.of(saved.endpoint(), clock.instant()));
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(EndpointView.withSecret(saved.endpoint(), clock.instant(), saved.secret()));
    }

    /** {@code {webhook_events: [...], webhook_url?}}: adds events (rule in {@link WebhookSubscriptions}). */
    @PostMapping("/subscribe")
    Map<String, Object> subscribe(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body, EndpointInput.EVENTS, EndpointInput.URL);
        if (!f.has(EndpointInput.EVENTS) || f.isNull(EndpointInput.EVENTS) || f.raw(EndpointInput.EVENTS).isEmpty()) {
            throw Errors.invalid("'webhook_events' is required: a non-empty array of event types.");
        }
        List<String> events = EndpointInput.events(f.raw(EndpointInput.EVENTS));
        return EndpointView.of(subscriptions.subscribe(caller, events, f.optionalString(EndpointInput.URL, 4096)), clock.instant());
    }

    /** {@code {webhook_event, webhook_url?}}: removes one event (rule in {@link WebhookSubscriptions}). */
    @PostMapping("/unsubscribe")
    Map<String, Object> unsubscribe(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body, "webhook_event", EndpointInput.URL);
        String name = f.requiredString("webhook_event", 100);
        String event = EndpointInput.events(tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(name)).getFirst();
        return EndpointView.of(subscriptions.unsubscribe(caller, event, f.optionalString(EndpointInput.URL, 4096)), clock.instant());
    }

    /** The bare {@code DELETE /webhook}: the only endpoint, or the one named by {@code ?webhook_url=}. */
    @DeleteMapping
    Map<String, Object> deleteOnly(@AuthenticationPrincipal Caller caller,
                                   @RequestParam(name = "webhook_url", required = false) String url) {
        WebhookEndpoint gone = subscriptions.deleteOne(caller, url);
        return Map.of("success", true, "id", gone.id(), "_id", gone.id());
    }

    @GetMapping
    Map<String, Object> list(@AuthenticationPrincipal Caller caller,
                             @RequestParam(defaultValue = "" + Cursors.DEFAULT_LIMIT) int limit,
                             @RequestParam(required = false) String cursor) {
        Cursors.checkLimit(limit);
        String after = Cursors.decode("e", cursor);
        Instant now = clock.instant();
        return Cursors.page(store.page(caller.orgId(), caller.environment(), after, limit + 1), limit, "e",
                WebhookEndpoint::id, e -> EndpointView.of(e, now));
    }

    @GetMapping("/{endpointId}")
    Map<String, Object> get(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId) {
        return EndpointView.of(endpoints.get(caller, endpointId), clock.instant());
    }

    @PatchMapping("/{endpointId}")
    Map<String, Object> update(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId,
                               @RequestBody JsonNode body) {
        return EndpointView.of(endpoints.update(caller, endpointId, EndpointInput.forUpdate(body)), clock.instant());
    }

    @DeleteMapping("/{endpointId}")
    Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId) {
        endpoints.delete(caller, endpointId);
        return Map.of("success", true, "id", endpointId, "_id", endpointId);
    }

    @PostMapping("/{endpointId}/rotate-secret")
    Map<String, Object> rotate(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId) {
        EndpointService.WithSecret rotated = endpoints.rotate(caller, endpointId);
        return EndpointView.withSecret(rotated.endpoint(), clock.instant(), rotated.secret());
    }
}
