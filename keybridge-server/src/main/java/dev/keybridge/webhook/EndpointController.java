package dev.keybridge.webhook;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.CursorPage;
import dev.keybridge.web.Cursors;
import dev.keybridge.web.ErrorAnswers;
import dev.keybridge.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

/** The webhook endpoints API, for server credentials. */
@RestController
@RequestMapping("/api/v2/public/webhook")
class EndpointController {

    /**
     * An endpoint's id in a path: {@code whe_} and hex ({@link EndpointService} makes them so), so that
     * {@code /webhook/subscribe} and {@code /webhook/unsubscribe} are routes of their own and not ids
     * (their OPTIONS and 405 answers list only their own methods).
     */
    static final String ID = "{endpointId:whe_[0-9a-f]+}";

    private final EndpointService endpoints;
    private final EndpointStore store;
    private final WebhookSubscriptions subscriptions;
    private final Clock clock;

    EndpointController(EndpointService endpoints, EndpointStore store, WebhookSubscriptions subscriptions,
                       Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.endpoints = endpoints;
        this.store = store;
    }

    /**
     * Creates an endpoint (201, with its secret), or updates the one that already has this
     * {@code webhook_url} (200, no secret): the original system's "create or update".
     */
    @Operation(summary = "Create or update a webhook endpoint",
            description = "Server credentials: creates an endpoint (201, with its signing secret) or updates the one that "
                    + "already has this `webhook_url` (200, no secret).")
    @PostMapping
    @Idempotent
    @ApiResponse(responseCode = "201", description = "Created, with its secret", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "Updated the endpoint with this URL (no secret)", useReturnTypeSchema = true)
    ResponseEntity<EndpointResponse> create(@AuthenticationPrincipal Caller caller, @RequestBody EndpointRequest body) {
        WebhookSubscriptions.Saved saved = subscriptions.createOrUpdate(caller, body.forCreate(), body.forUpdate());
        if (!saved.created()) {
            return ResponseEntity.ok(EndpointResponse.of(saved.endpoint(), clock.instant()));
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(EndpointResponse.withSecret(saved.endpoint(), clock.instant(), saved.secret()));
    }

    /** {@code {webhook_events: [...], webhook_url?}}: adds events (rule in {@link WebhookSubscriptions}). */
    @Operation(summary = "Subscribe an endpoint to events",
            description = "Server credentials: adds `webhook_events` to the endpoint (the only one, or the one "
                    + "`webhook_url` names).")
    @ErrorAnswers({404, 409})
    @PostMapping("/subscribe")
    EndpointResponse subscribe(@AuthenticationPrincipal Caller caller, @RequestBody SubscribeRequest body) {
        return EndpointResponse.of(subscriptions.subscribe(caller, body.webhookEvents(), body.webhookUrl()), clock.instant());
    }

    /** {@code {webhook_event, webhook_url?}}: removes one event (rule in {@link WebhookSubscriptions}). */
    @Operation(summary = "Unsubscribe an endpoint from an event",
            description = "Server credentials: removes `webhook_event` from the endpoint (the only one, or the one "
                    + "`webhook_url` names).")
    @ErrorAnswers({404, 409})
    @PostMapping("/unsubscribe")
    EndpointResponse unsubscribe(@AuthenticationPrincipal Caller caller, @RequestBody UnsubscribeRequest body) {
        return EndpointResponse.of(subscriptions.unsubscribe(caller, body.webhookEvent(), body.webhookUrl()), clock.instant());
    }

    /** The bare {@code DELETE /webhook}: the only endpoint, or the one named by {@code ?webhook_url=}. */
    @Operation(summary = "Delete the webhook endpoint",
            description = "Server credentials: deletes the environment's only endpoint, or the one named by "
                    + "`?webhook_url=`.")
    @DeleteMapping
    @ErrorAnswers({404, 409})
    EndpointResponse.Deleted deleteOnly(@AuthenticationPrincipal Caller caller,
                                        @RequestParam(name = "webhook_url", required = false) String url) {
        return EndpointResponse.Deleted.of(subscriptions.deleteOne(caller, url).id());
    }

    /**
     * The list; when it holds the environment's only endpoint (or the one {@code webhook_url} names), also that
     * endpoint's fields at the top, for the original system's {@code getWebhook()} ({@link EndpointList}).
     */
    @Operation(summary = "List webhook endpoints",
            description = "Server credentials: the endpoints of this environment; when there is only one (or `webhook_url` "
                    + "names one), its fields also at the top.")
    @GetMapping
    EndpointList list(@AuthenticationPrincipal Caller caller,
                      @RequestParam(defaultValue = "" + Cursors.DEFAULT_LIMIT) int limit,
                      @RequestParam(required = false) String cursor,
                      @RequestParam(name = "webhook_url", required = false) String url) {
        Cursors.checkLimit(limit);
        String after = Cursors.decode("e", cursor);
        Instant now = clock.instant();
        List<WebhookEndpoint> rows = url == null ? store.page(caller.orgId(), caller.environment(), after, limit + 1)
                : store.all(caller.orgId(), caller.environment()).stream()
                        .filter(e -> e.url().equals(url) && (after == null || e.id().compareTo(after) > 0)).toList();
        return EndpointList.of(CursorPage.of(rows, limit, "e", WebhookEndpoint::id, e -> EndpointResponse.of(e, now)),
                cursor == null);
    }

    @Operation(summary = "Get a webhook endpoint",
            description = "Server credentials: one endpoint (without its secret).")
    @GetMapping("/" + ID)
    EndpointResponse get(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId) {
        return EndpointResponse.of(endpoints.get(caller, endpointId), clock.instant());
    }

    @Operation(summary = "Change a webhook endpoint",
            description = "Server credentials: changes the fields sent; absent fields are kept.")
    @PatchMapping("/" + ID)
    EndpointResponse update(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId,
                            @RequestBody EndpointPatch body) {
        return EndpointResponse.of(endpoints.update(caller, endpointId, body.input()), clock.instant());
    }

    @Operation(summary = "Delete a webhook endpoint",
            description = "Server credentials: deletes the endpoint; nothing more is delivered to it.")
    @DeleteMapping("/" + ID)
    EndpointResponse.Deleted delete(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId) {
        endpoints.delete(caller, endpointId);
        return EndpointResponse.Deleted.of(endpointId);
    }

    @Operation(summary = "Rotate an endpoint's signing secret",
            description = "Server credentials: a new signing secret for the endpoint, shown in this answer.")
    @PostMapping("/" + ID + "/rotate-secret")
    EndpointResponse rotate(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId) {
        EndpointService.WithSecret rotated = endpoints.rotate(caller, endpointId);
        return EndpointResponse.withSecret(rotated.endpoint(), clock.instant(), rotated.secret());
    }
}
