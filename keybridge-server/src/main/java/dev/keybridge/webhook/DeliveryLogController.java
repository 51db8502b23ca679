package dev.keybridge.webhook;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.CursorPage;
import dev.keybridge.web.Cursors;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

/** The delivery log of an endpoint (newest first), redelivery of one event and replay since a time. */
@RestController
@RequestMapping("/api/v2/public/webhook/" + EndpointController.ID)
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

    @Operation(summary = "List an endpoint's deliveries",
            description = "Server credentials: the deliveries to the endpoint, newest first, a page at a time (`limit`, "
                    + "`cursor`); filter by `status` (pending, succeeded, failed) or `event_id`.")
    @GetMapping("/deliveries")
    CursorPage<DeliveryResponses.Delivery> deliveries(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId,
                                   @RequestParam(defaultValue = "" + Cursors.DEFAULT_LIMIT) int limit,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(name = "event_id", required = false) String eventId) {
        Cursors.checkLimit(limit);
        if (status != null && !STATUSES.contains(status)) {
            throw Errors.invalid("status must be pending, succeeded or failed.");
        }
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        return CursorPage.of(deliveries.deliveries(e.id(), status, eventId, Cursors.decodeSeq("d", cursor), limit + 1),
                limit, "d", d -> Long.toString(d.seq()), DeliveryResponses.Delivery::of);
    }

    @Operation(summary = "List an endpoint's delivery attempts",
            description = "Server credentials: the HTTP attempts of the endpoint's deliveries, newest first, a page at a "
                    + "time; filter by `event_id` or `delivery_id`.")
    @GetMapping("/attempts")
    CursorPage<DeliveryResponses.Attempt> attempts(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId,
                                 @RequestParam(defaultValue = "" + Cursors.DEFAULT_LIMIT) int limit,
                                 @RequestParam(required = false) String cursor,
                                 @RequestParam(name = "event_id", required = false) String eventId,
                                 @RequestParam(name = "delivery_id", required = false) String deliveryId) {
        Cursors.checkLimit(limit);
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        return CursorPage.of(deliveries.attempts(e.id(), eventId, deliveryId, Cursors.decodeSeq("t", cursor), limit + 1),
                limit, "t", a -> Long.toString(a.seq()), DeliveryResponses.Attempt::of);
    }

    /** Sends one event again (a new delivery, with its own attempts), whatever happened before. */
    @Operation(summary = "Redeliver an event",
            description = "Server credentials: sends one event to the endpoint again (a new delivery with its own "
                    + "attempts), whatever happened before.")
    @PostMapping("/redeliver")
    @Idempotent
    @ApiResponse(responseCode = "202", description = "Queued", useReturnTypeSchema = true)
    ResponseEntity<DeliveryResponses.Redelivered> redeliver(@AuthenticationPrincipal Caller caller,
                                                            @PathVariable String endpointId,
                                                            @RequestBody RedeliverRequest body) {
        String eventId = body.eventId();
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        String id = deliveries.redeliver(caller.orgId(), caller.environment(), e.id(), eventId);
        if (id == null) {
            throw Errors.notFound("event", eventId);
        }
        worker.wake();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new DeliveryResponses.Redelivered(true, id, eventId));
    }

    /** Sends again every event (matching the endpoint's filter) created at or after {@code since}. */
    @Operation(summary = "Replay events since a time",
            description = "Server credentials: sends again every event matching the endpoint's filter created at or after "
                    + "`since`.")
    @PostMapping("/replay")
    @ApiResponse(responseCode = "202", description = "Queued", useReturnTypeSchema = true)
    ResponseEntity<DeliveryResponses.Replayed> replay(@AuthenticationPrincipal Caller caller,
                                                      @PathVariable String endpointId, @RequestBody ReplayRequest body) {
        WebhookEndpoint e = endpoints.get(caller, endpointId);
        int count = deliveries.replay(e, body.since(), MAX_REPLAY);
        worker.wake();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new DeliveryResponses.Replayed(true, count, MAX_REPLAY));
    }
}
