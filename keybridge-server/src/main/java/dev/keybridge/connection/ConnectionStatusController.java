package dev.keybridge.connection;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.audit.AuditActions;
import dev.keybridge.audit.AuditLog;
import dev.keybridge.audit.AuditRecord;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ErrorAnswers;
import dev.keybridge.web.Errors;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status API: one connection by its access token ({@code GET/DELETE /v1/connection}, header
 * {@code access_token}) and the connections of a linked account
 * ({@code GET /api/v2/public/linked-account/{id}/connections}, {@code DELETE …/connections/{connection_id}}).
 */
@RestController
class ConnectionStatusController {

    private final ConnectionLookup lookup;
    private final Connections connections;
    private final ConnectionStatusQueries statuses;
    private final AccountService accounts;
    private final Disconnector disconnector;
    private final AuditLog audit;
    private final Clock clock;

    ConnectionStatusController(ConnectionLookup lookup, Connections connections, ConnectionStatusQueries statuses,
                               AccountService accounts, Disconnector disconnector, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.lookup = lookup;
        this.connections = connections;
        this.statuses = statuses;
        this.accounts = accounts;
        this.disconnector = disconnector;
    }

    @Operation(summary = "Get a connection by its access token",
            description = "Server credentials: the status of the connection whose `access_token` header is sent.")
    @ErrorAnswers(404)
    @GetMapping("/v1/connection")
    ConnectionStatus byToken(@AuthenticationPrincipal Caller caller,
                             @RequestHeader(name = "access_token") String accessToken) {
        return statuses.status(lookup.byAccessToken(caller, accessToken)).orElseThrow(() -> new Errors.NotFound(
                "invalid_access_token", "No connection in this environment has that access token."));
    }

    @Operation(summary = "Disconnect a connection by its access token",
            description = "Server credentials: disconnects the connection whose `access_token` header is sent, revoking at "
                    + "the provider where it can.")
    @ErrorAnswers(404)
    @DeleteMapping("/v1/connection")
    DisconnectedResponse deleteByToken(@AuthenticationPrincipal Caller caller,
                                      @RequestHeader(name = "access_token") String accessToken) {
        return deleted(caller, lookup.byAccessToken(caller, accessToken));
    }

    /** Every connection of the linked account, disconnected ones included, newest first. */
    @Operation(summary = "List a linked account's connections",
            description = "Server credentials: every connection of the linked account, disconnected ones included, newest "
                    + "first.")
    @GetMapping("/api/v2/public/linked-account/{id}/connections")
    List<ConnectionStatus> ofAccount(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        LinkedAccount account = accounts.get(caller, accounts.checkedId("linked_account_id", id));
        return connections.forAccount(caller.orgId(), caller.environment(), account.id()).stream()
                .flatMap(c -> statuses.status(c).stream()).toList(); // one erased meanwhile is left out
    }

    @Operation(summary = "Disconnect a linked account's connection",
            description = "Server credentials: disconnects one connection of the linked account, revoking at the provider "
                    + "where it can.")
    @DeleteMapping("/api/v2/public/linked-account/{id}/connections/{connectionId}")
    DisconnectedResponse delete(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                               @PathVariable String connectionId) {
        LinkedAccount account = accounts.get(caller, accounts.checkedId("linked_account_id", id));
        Connection c = connections.find(caller.orgId(), caller.environment(), connectionId)
                .filter(x -> x.linkedAccountId().equals(account.id()) && x.status() != Connection.Status.DISCONNECTED)
                .orElseThrow(() -> Errors.notFound("connection", connectionId));
        return deleted(caller, c);
    }

    private DisconnectedResponse deleted(Caller caller, Connection c) {
        boolean revoked = disconnector.disconnect(c).revoked();
        audit.record(AuditRecord.by(caller, c.orgId(), c.environment(), clock.instant(), AuditActions.CONNECTION_DELETED,
                c.id(), Map.of("app", c.appSlug(), "revoked", revoked)));
        return new DisconnectedResponse(true, c.id(), "disconnected", revoked);
    }
}
