package dev.keybridge.webhook;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Cursors;
import dev.keybridge.web.Timestamps;
import java.time.Instant;
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
    private final java.time.Clock clock;

    EndpointController(EndpointService endpoints, EndpointStore store, java.time.Clock clock) {
        this.clock = clock;
        this.endpoints = endpoints;
        this.store = store;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        EndpointService.WithSecret created = endpoints.create(caller, EndpointInput.forCreate(body));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(EndpointView.withSecret(created.endpoint(), clock.instant(), created.secret()));
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
        return Map.of("success", true, "id", endpointId);
    }

    @PostMapping("/{endpointId}/rotate-secret")
    Map<String, Object> rotate(@AuthenticationPrincipal Caller caller, @PathVariable String endpointId) {
        EndpointService.WithSecret rotated = endpoints.rotate(caller, endpointId);
        return EndpointView.withSecret(rotated.endpoint(), clock.instant(), rotated.secret());
    }
}
