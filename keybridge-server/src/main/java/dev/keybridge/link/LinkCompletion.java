package dev.keybridge.link;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionEvents;
import dev.keybridge.connection.ConnectionExpiry;
import dev.keybridge.connection.ConnectionHealth;
import dev.keybridge.connection.Connections;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.connector.Scopes;
import dev.keybridge.connector.Step;
import dev.keybridge.events.EventData;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Errors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishing a Link: the connection (new, or repaired in update mode), its public token and the
 * session's {@code succeeded}, in one transaction; and handing the result to an embedding page that
 * asks for it by link token.
 */
@Service
class LinkCompletion {

    private static final Logger log = LoggerFactory.getLogger(LinkCompletion.class);

    /** The result of a Link for the page that opened it, by link token. */
    record Result(LinkSession session, String publicToken) {}

    private final LinkSessions sessions;
    private final SessionSecrets secrets;
    private final Connections connections;
    private final ConnectionHealth health;
    private final PublicTokens publicTokens;
    private final TransactionTemplate tx;
    private final ConnectionEvents connectionEvents;
    private final Events events;
    private final AppConnectors connectors;
    private final ConnectionExpiry expiry;

    LinkCompletion(LinkSessions sessions, SessionSecrets secrets, Connections connections, ConnectionHealth health,
                   PublicTokens publicTokens, TransactionTemplate tx, ConnectionEvents connectionEvents, Events events,
                   AppConnectors connectors, ConnectionExpiry expiry) {
        this.expiry = expiry;
        this.connectionEvents = connectionEvents;
        this.events = events;
        this.connectors = connectors;
        this.sessions = sessions;
        this.secrets = secrets;
        this.connections = connections;
        this.health = health;
        this.publicTokens = publicTokens;
        this.tx = tx;
    }

    /** Writes the connection (new, or repaired in update mode) and its public token; returns the public token. */
    String finish(LinkSession s, AppDefinition app, Step.Success ok, SessionSecrets.Secret secret) {
        Map<String, String> credentials = new LinkedHashMap<>(secret.fields());   // fields the Link was made with,
        credentials.putAll(ok.credentials());                                 // under what the connector answered
        Step.Success linked = new Step.Success(credentials, ok.expiresAt(), ok.displayName(), ok.expiry());
        return tx.execute(status -> {
            String publicToken;
            List<String> granted = connectors.of(app).grantedScopes(app, linked.credentials());
            if (s.mode() == LinkSession.Mode.UPDATE) {
                Connection c = connections.find(s.orgId(), s.environment(), s.connectionId()).orElseThrow();
                connections.replaceCredentials(c, c.credentialVersion(), linked.credentials(), linked.expiresAt(), granted)
                        .ifPresent(written -> {
                            scopesUpdated(s, c, written, !secret.scopes().isEmpty());
                            expiry.record(written, linked.expiry(), true);     // renewed: the new horizon, or none
                        });
                if (!health.repaired(c)) {
                    // A healthy connection whose user re-entered credentials voluntarily: no state change.
                    log.info("Link {} refreshed the credentials of healthy connection {}", s.id(), c.id());
                }
                // No access token in the session: update mode begun without it (the browser SDK's connect, or a
                // dashboard reconnect link): the app keeps its own.
                publicToken = secret.accessToken() == null ? null : publicTokens.issue(c, secret.accessToken(), false);
            } else {
                Connections.Created created = connections.create(s.orgId(), s.environment(), s.linkedAccountId(),
                        app.slug(), s.endUserOrgId(), linked.credentials(), linked.expiresAt(), linked.displayName(), granted);
                expiry.record(created.connection(), linked.expiry(), true);
                if (s.frontend()) {
                    // Begun by the browser SDK: nobody holds a public token, so the event is written now.
                    connectionEvents.created(created.connection(), LinkView.of(s).account());
                    publicToken = null;
                } else {
                    publicToken = publicTokens.issue(created.connection(), created.accessToken(), true);
                }
            }
            if (!sessions.move(s.id(), LinkEvent.SUCCEED, s.step(), app.slug(), LinkView.of(LinkView.of(s).account()).json(),
                    null, null)) {
                throw LinkFlow.conflict();
            }
            if (s.embedOrigin() != null && publicToken != null) {
                sessions.storeResult(s.id(), secrets.sealResult(s, publicToken));
            }
            log.info("Link {} finished for app {} ({})", s.id(), app.slug(), s.mode());
            return publicToken;
        });
    }

    /**
     * {@code connection.scopes_updated} when the grant's scopes changed ({@code before} unknown: only when the Link
     * asked for more), in the transaction of the change.
     */
    private void scopesUpdated(LinkSession s, Connection before, Connection after, boolean asked) {
        if (after.scopes() == null || before.scopes() == null && !asked) {
            return;
        }
        List<String> added = Scopes.minus(after.scopes(), before.scopes());
        List<String> removed = Scopes.minus(before.scopes(), after.scopes());
        if (!added.isEmpty() || !removed.isEmpty()) {
            events.emit(s.orgId(), s.environment(), EventType.CONNECTION_SCOPES_UPDATED, new EventData.ScopesUpdated(
                    after.id(), LinkView.of(s).account(), after.appSlug(), added, removed, after.scopes()));
        }
    }

    /**
     * {@code GET /link/result?token=lt_…}: how the flow ended, with the public token at most once.
     * For embedding pages whose popup lost {@code window.opener} (providers that send
     * Cross-Origin-Opener-Policy cut it), so postMessage could not reach them.
     */
    Result result(String token) {
        LinkSessions.TakenResult taken = sessions.takeResult(Secrets.hash(token == null ? "" : token))
                .orElseThrow(() -> new Errors.NotFound("invalid_link_token", "No Link was made with this token."));
        LinkSession s = sessions.byId(taken.sessionId()).orElseThrow();
        return new Result(s, taken.sealed() == null ? null : secrets.openResult(s, taken.sealed()));
    }
}
