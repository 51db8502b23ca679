package dev.keybridge.repair;

import dev.keybridge.link.LinkLanguages;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ErrorAnswers;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The repair inbox and its reconnect links through the API (server credentials). */
@RestController
class RepairController {

    private final RepairInbox inbox;
    private final ReconnectLinks links;
    private final ReconnectLinkStore store;

    RepairController(RepairInbox inbox, ReconnectLinks links, ReconnectLinkStore store) {
        this.inbox = inbox;
        this.links = links;
        this.store = store;
    }

    @Operation(summary = "List the connections that need their end user",
            description = "Server credentials: `login_required`, `pending_expiration` (a known end within the lead time) "
                    + "and `failing` (the last refresh or check failed) connections, newest need first, each with its latest "
                    + "reconnect link; filters `state`, `reason`, `app`, `older_than_days`; counts by state and app; cursor "
                    + "paging (`limit` up to 200, `cursor` from `nextCursor`).")
    @GetMapping("/api/v2/public/repair")
    RepairInbox.Page list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) @Nullable String state,
                          @RequestParam(required = false) @Nullable String reason,
                          @RequestParam(required = false) @Nullable String app,
                          @RequestParam(name = "older_than_days", required = false) @Nullable Integer olderThanDays,
                          @RequestParam(defaultValue = "50") int limit,
                          @RequestParam(required = false) @Nullable String cursor) {
        return inbox.list(caller, new RepairInbox.Filter(state, reason, app, olderThanDays), limit, cursor);
    }

    @Operation(summary = "Make a reconnect link",
            description = "Server credentials: an update-mode Link for one connection that works for `expires_in` seconds "
                    + "(10 minutes to 7 days), e-mailed to `email` when given (in `language`, with the host's name). The "
                    + "answer carries its `url` once; Keybridge keeps only its state.")
    @ErrorAnswers(404)
    @PostMapping("/api/v2/public/reconnect-links")
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent
    ReconnectLink create(@AuthenticationPrincipal Caller caller, @RequestBody ReconnectLinkRequest body) {
        if (body.language() != null && !LinkLanguages.supported(body.language())) {
            throw Errors.invalid("'language' must be one Link speaks: en, de, es, fr or ja.");
        }
        String connection = body.connectionId() != null ? body.connectionId()
                : links.connectionOf(caller, body.linkedAccountId(), body.app());
        return links.create(caller, new ReconnectLinks.Request(connection, body.lifetime(), body.email(), body.language()),
                caller.credentialId());
    }

    @Operation(summary = "Hand a reconnect link's URL out again",
            description = "Server credentials: the link's URL with a new link token (the one handed out before stops "
                    + "working), for your own channel after `reconnect_link.created`; 409 `reconnect_link_finished` once "
                    + "the link is completed or expired.")
    @ErrorAnswers({404, 409})
    @PostMapping("/api/v2/public/reconnect-links/{id}/url")
    @Idempotent
    ReconnectLink url(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return links.url(caller, id);
    }

    @Operation(summary = "Get a reconnect link", description = "Server credentials: its state (created, sent, send_failed, "
            + "opened, completed, expired), without its URL.")
    @ErrorAnswers(404)
    @GetMapping("/api/v2/public/reconnect-links/{id}")
    ReconnectLink get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return store.find(caller.orgId(), caller.environment(), id).orElseThrow(() -> Errors.notFound("reconnect_link", id));
    }

    @Operation(summary = "List a connection's reconnect links", description = "Server credentials: newest first, at most 50.")
    @GetMapping("/api/v2/public/reconnect-links")
    List<ReconnectLink> ofConnection(@AuthenticationPrincipal Caller caller,
                                     @RequestParam(name = "connection_id") String connectionId) {
        return store.ofConnection(caller.orgId(), caller.environment(), connectionId);
    }
}
