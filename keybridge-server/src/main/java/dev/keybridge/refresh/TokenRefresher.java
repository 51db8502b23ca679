package dev.keybridge.refresh;

import dev.keybridge.audit.AuditActions;
import dev.keybridge.audit.AuditLog;
import dev.keybridge.audit.AuditRecord;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionExpiry;
import dev.keybridge.connection.ConnectionHealth;
import dev.keybridge.connection.Connections;
import dev.keybridge.connection.CredentialLease;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.connector.Connector;
import dev.keybridge.connector.ConnectorContext;
import dev.keybridge.connector.Step;
import dev.keybridge.events.EventData;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refreshes OAuth2 tokens, once per connection at a time across the cluster:
 * <ul>
 *   <li>in this node, concurrent needs for one connection share one {@link CompletableFuture}
 *       (coalescing);</li>
 *   <li>across nodes, the token endpoint is called only under the PostgreSQL lease of
 *       {@link Connections#acquireLease}; a node that finds the lease taken waits for the version to move and uses
 *       the winner's tokens;</li>
 *   <li>the provider's answer is written in one fenced statement before the new access token is handed
 *       to anyone, so a rotated refresh token is stored before it can be needed;</li>
 *   <li>{@code invalid_grant} moves the connection to {@code login_required} ({@code refresh_failed});
 *       other failures back off exponentially.</li>
 * </ul>
 */
@Service
public class TokenRefresher {

    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

    private final Connections connections;
    private final CredentialLease lease;
    private final AppSettings apps;
    private final AppConnectors connectors;
    private final ConnectionHealth health;
    private final Events events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final KeybridgeSettings.Refresh settings;
    private final Duration upstreamTimeout;
    private final String node;
    private final ConcurrentHashMap<String, CompletableFuture<Connection>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final MeterRegistry meters;
    private final ConnectionExpiry expiry;
    private final AuditLog audit;

    public TokenRefresher(Connections connections, CredentialLease lease, AppSettings apps, AppConnectors connectors,
                          ConnectionHealth health, Events events, TransactionTemplate tx, Clock clock,
                          KeybridgeSettings settings, MeterRegistry meters, ConnectionExpiry expiry, AuditLog audit) {
        this.audit = audit;
        this.expiry = expiry;
        this.meters = meters;
        this.connections = connections;
        this.lease = lease;
        this.apps = apps;
        this.connectors = connectors;
        this.health = health;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings.refresh();
        this.upstreamTimeout = settings.link().upstreamTimeout();
        this.node = "node_" + Ids.random(16);
    }

    String node() {
        return node;
    }

    /**
     * Newer credentials than {@code seen} (the version the caller used): refreshed now, or written by
     * another node or call meanwhile. Throws {@link Errors.LoginRequired} when the grant is gone and a
     * {@link ApiException.RetryLater} when the provider cannot refresh now.
     */
    public Connection refresh(Connection seen) {
        CompletableFuture<Connection> mine = new CompletableFuture<>();
        CompletableFuture<Connection> running = inFlight.putIfAbsent(seen.id(), mine);
        if (running == null) {
            executor.execute(() -> complete(mine, seen.id(), () -> acquireAndRefresh(seen)));
            running = mine;
        }
        try {
            Connection fresh = running.join();
            if (running != mine && fresh.credentialVersion() <= seen.credentialVersion()) {
                return refresh(seen);   // joined a refresh that started from older credentials than ours
            }
            return fresh;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** The background scan's entry: the lease on {@code claimed} (as read by the claim) is already held. */
    void refreshClaimed(Connection claimed) {
        CompletableFuture<Connection> mine = new CompletableFuture<>();
        if (inFlight.putIfAbsent(claimed.id(), mine) != null) {
            lease.releaseLease(claimed.orgId(), claimed.id(), node);   // this node is already refreshing it on demand
            return;
        }
        complete(mine, claimed.id(), () -> refreshUnderLease(claimed));
        try {
            mine.join();
        } catch (CompletionException e) {
            // recorded on the connection (last_error, backoff or login_required)
        }
    }

    private void complete(CompletableFuture<Connection> future, String id, Supplier<Connection> work) {
        try {
            future.complete(work.get());
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        } finally {
            inFlight.remove(id, future);
        }
    }

    private Connection acquireAndRefresh(Connection seen) {
        Instant deadline = clock.instant().plus(settings.lease()).plus(upstreamTimeout);
        while (true) {
            Connection current = connections.find(seen.orgId(), seen.environment(), seen.id())
                    .orElseThrow(() -> Errors.notFound("connection", seen.id()));
            if (current.status() == Connection.Status.LOGIN_REQUIRED) {
                throw new Errors.LoginRequired(current.statusReason());
            }
            if (current.status() != Connection.Status.ACTIVE) {
                throw new Errors.NotFound("connection_disconnected", "This connection was disconnected.");
            }
            if (current.credentialVersion() > seen.credentialVersion()) {
                return current;    // refreshed (or re-linked) meanwhile: use that
            }
            if (lease.acquireLease(current.orgId(), current.id(), current.credentialVersion(), node, settings.lease())) {
                return refreshUnderLease(current);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new Errors.Unavailable("refresh_in_progress",
                        "The connection's token is being refreshed; try again in a moment.", 1L);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Errors.Unavailable("refresh_interrupted", "Interrupted while waiting for a token refresh.", 1L);
            }
        }
    }

    /** Calls the token endpoint while holding the lease, then writes (fenced) or records the failure. */
    private Connection refreshUnderLease(Connection c) {
        Step step;
        AppDefinition app;
        Connector connector;
        try {
            app = apps.available(c.environment(), c.appSlug());
            connector = connectors.of(app);
            ConnectorContext ctx = connectors.context(c.orgId(), c.environment(), app);
            Map<String, String> credentials = connections.credentials(c);
            if (!connector.refreshable(credentials) || (connector.usesClient() && ctx.clientId() == null)) {
                lease.releaseLease(c.orgId(), c.id(), node);
                throw new Errors.Unavailable("refresh_not_possible", "This connection's app has no OAuth client to refresh with.", null);
            }
            step = connector.refresh(ctx, credentials);
        } catch (ApiException e) {
            lease.releaseLease(c.orgId(), c.id(), node);
            throw e;
        } catch (RuntimeException e) {
            log.warn("Refreshing connection {} failed unexpectedly: {}", c.id(), e.getClass().getName());
            failed(c, "refresh_error");
            throw new Errors.Unavailable("refresh_failed", "The token could not be refreshed; try again later.", null);
        }
        switch (step) {
            case Step.Success ok -> {
                List<String> scopes = connector.grantedScopes(app, ok.credentials());   // null: the stored ones stay
                Optional<Connection> written = ok.expiry() == null
                        ? connections.writeRefreshed(c, node, ok.credentials(), ok.expiresAt(), scopes)
                        : tx.execute(s -> {     // a refresh token with a new lifetime: its horizon with it
                            Optional<Connection> w = connections.writeRefreshed(c, node, ok.credentials(), ok.expiresAt(),
                                    scopes);
                            w.ifPresent(done -> expiry.record(done, ok.expiry(), false));
                            return w;
                        });
                if (written.isPresent()) {
                    log.debug("Refreshed connection {}", c.id());
                    outcome(c, "refreshed");
                    return written.get();
                }
                outcome(c, "fenced");
                log.info("Refresh of connection {} lost its fence (newer credentials or lease taken over); kept the stored ones", c.id());
                return connections.find(c.orgId(), c.environment(), c.id()).orElseThrow();
            }
            case Step.Failure f when "invalid_grant".equals(f.code()) -> {
                lease.releaseLease(c.orgId(), c.id(), node);
                health.loginRequired(c, "refresh_failed");
                outcome(c, "login_required");
                throw new Errors.LoginRequired("refresh_failed");
            }
            case Step.Failure f -> {
                failed(c, f.code());
                throw new Errors.Unavailable("refresh_failed", "The provider could not refresh the token ("
                        + f.code() + "); try again later.", null);
            }
            default -> {
                failed(c, "unexpected_answer");
                throw new Errors.Unavailable("refresh_failed", "The provider gave an unexpected answer.", null);
            }
        }
    }

    /** Counted, and in the audit log (actor: the system; the token endpoint was called with the stored credential). */
    private void outcome(Connection c, String outcome) {
        meters.counter("keybridge.refresh", "outcome", outcome).increment();
        audit.record(AuditRecord.by(null, c.orgId(), c.environment(), clock.instant(), AuditActions.CREDENTIAL_REFRESH,
                c.id(), Map.of("app", c.appSlug(), "outcome", outcome)));
    }

    /** Backoff: base * 2^failures, at most max, +/-20% jitter; the first failure in a row emits an event. */

    private void failed(Connection c, String error) {
        outcome(c, "failed");
        int before = lease.refreshFailures(c.id());
        long base = settings.backoffBase().toMillis() << Math.min(before, 20);
        long wait = Math.min(base, settings.backoffMax().toMillis());
        wait = (long) (wait * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        Duration w = Duration.ofMillis(Math.max(wait, 1));
        tx.executeWithoutResult(s -> {
            int failures = lease.refreshFailed(c.orgId(), c.id(), node, error, w);
            if (failures == 1) {
                events.emit(c.orgId(), c.environment(), EventType.CONNECTION_REFRESH_FAILED,
                        new EventData.RefreshFailed(c.id(), c.appSlug(), error));
            }
        });
        log.warn("Refresh of connection {} failed ({}); next try in {}", c.id(), error, w);
    }

    void close() {
        executor.shutdownNow();
    }
}
