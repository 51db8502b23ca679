package dev.keybridge.webhook;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Cursors;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.Timestamps;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The delivery log of an endpoint (newest first), redelivery of one event and replay since a time. */
@RestController
@RequestMapping("/api/v2/public/webhook/{endpointId}")
class DeliveryLogController {

    static final int MAX_REPLAY = 10_000;
    private static final Set<String> STATUSES = Set.of("pending", "succeeded", "failed");

    private final EndpointService endpoints;
    private final DeliveryStore deliveries;
    private final DeliveryWorker worker;

    DeliveryLogController(EndpointService endpoints, DeliveryStore deliveries, DeliveryWorker worker) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.worker = worker;
    }

    @GetMapping("/deliveries")
    Map<String, Object> deliveries(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId,
                                   @RequestParam(defaultValue = "" + Cursors.DEFAULT_LIMIT) int limit,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(name = "event_id", required = false) String eventId) {
        Cursors.checkLimit(limit);
        if (status != null && !STATUSES.contains(status)) {
            throw Errors.invalid("status must be pending, succeeded or failed.");
        }
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        return Cursors.page(deliveries.deliveries(e.id(), status, eventId, Cursors.decodeSeq("d", cursor), limit + 1),
                limit, "d", d -> Long.toString(d.seq()), DeliveryLogController::view);
    }

    @GetMapping("/attempts")
    Map<String, Object> attempts(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId,
                                 @RequestParam(defaultValue = "" + Cursors.DEFAULT_LIMIT) int limit,
                                 @RequestParam(required = false) String cursor,
                                 @RequestParam(name = "event_id", required = false) String eventId,
                                 @RequestParam(name = "delivery_id", required = false) String deliveryId) {
        Cursors.checkLimit(limit);
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        return Cursors.page(deliveries.attempts(e.id(), eventId, deliveryId, Cursors.decodeSeq("t", cursor), limit + 1),
                limit, "t", a -> Long.toString(a.seq()), DeliveryLogController::view);
    }

    /** Sends one event again (a new delivery, with its own attempts), whatever happened before. */
    @PostMapping("/redeliver")
    ResponseEntity<Map<String, Object>> redeliver(@AuthenticationPrincipal Caller caller,
                                                  @PathVariable String endpointId, @RequestBody JsonNode body) {
        String eventId = JsonFields.of(body, "event_id").requiredString("event_id", 64);
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        String id = deliveries.redeliver(caller.orgId(), caller.environment(), e.id(), eventId);
        if (id == null) {
            throw Errors.notFound("event", eventId);
        }
        worker.wake();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("delivery_id", id);
        out.put("event_id", eventId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(out);
    }

    /** Sends again every event (matching the endpoint's filter) created at or after {@code since}. */
    @PostMapping("/replay")
    ResponseEntity<Map<String, Object>> replay(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId,
                                               @RequestBody JsonNode body) {
        String text = JsonFields.of(body, "since").requiredString("since", 40);
        Instant since;
        try {
            since = Timestamps.parse(text);
        } catch (DateTimeException ex) {
            throw Errors.invalid("'since' must be an ISO-8601 UTC time such as 2026-01-31T12:00:00.000Z.");
        }
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        int count = deliveries.replay(e, since, MAX_REPLAY);
        worker.wake();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("deliveries", count);
        out.put("limit", MAX_REPLAY);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(out);
    }

    private static Object view(DeliveryStore.DeliveryRow d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("event_id", d.eventId());
        out.put("event_type", d.eventType());
        out.put("event_created", Timestamps.format(d.eventCreatedAt()));
        out.put("manual", d.manual());
        out.put("status", d.status());
        out.put("attempts", d.attempts());
        out.put("next_attempt_at", "pending".equals(d.status()) ? Timestamps.format(d.nextAttemptAt()) : null);
        out.put("last_status_code", d.lastStatusCode());
        out.put("last_error", d.lastError());
        out.put("created_at", Timestamps.format(d.createdAt()));
        out.put("completed_at", Timestamps.format(d.completedAt()));
        return out;
    }

    private static Object view(DeliveryStore.AttemptRow a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("delivery_id", a.deliveryId());
        out.put("event_id", a.eventId());
        out.put("attempt", a.attempt());
        out.put("started_at", Timestamps.format(a.startedAt()));
        out.put("status_code", a.statusCode());
        out.put("latency_ms", a.latencyMs());
        out.put("response_body_excerpt", a.excerpt());
        out.put("error", a.error());
        return out;
    }
}
