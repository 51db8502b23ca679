package dev.keybridge.connection;

import dev.keybridge.background.ReadyLoop;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.connector.Connector;
import dev.keybridge.web.Ids;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks, on a schedule, the connections that cannot refresh (key-based, credentials): each due one
 * is leased (so two nodes never check it at once), its app's connector checks the stored credential,
 * and a credential that no longer works moves the connection to {@code login_required} (one event),
 * before the end user's next call finds out. A connector that cannot tell changes nothing.
 */
@Component
public class ConnectionChecker extends ReadyLoop {

    private static final Logger log = LoggerFactory.getLogger(ConnectionChecker.class);

    private final Connections connections;
    private final CredentialLease lease;
    private final ConnectionHealth health;
    private final AppSettings apps;
    private final AppConnectors connectors;
    private final KeybridgeSettings.Checks settings;
    private final String node = "check_" + Ids.random(16);

    ConnectionChecker(Connections connections, CredentialLease lease, ConnectionHealth health, AppSettings apps,
                      AppConnectors connectors, KeybridgeSettings settings) {
        super("keybridge-checks", settings.checks().pollInterval());
        this.connections = connections;
        this.lease = lease;
        this.health = health;
        this.apps = apps;
        this.connectors = connectors;
        this.settings = settings.checks();
    }

    @Override
    protected boolean pass() {
        return checkDue() >= settings.batchSize();
    }

    /** One batch: leases the due connections and checks each. Returns how many were leased. */
    public int checkDue() {
        List<CredentialLease.Claimed> due = lease.claimDueChecks(node, settings.lease(), settings.interval(),
                settings.batchSize());
        for (CredentialLease.Claimed claimed : due) {
            try {
                connections.find(claimed.orgId(), claimed.environment(), claimed.id()).ifPresent(this::check);
            } catch (RuntimeException e) {
                log.warn("Checking connection {} failed: {}", claimed.id(), e.getClass().getSimpleName());
            } finally {
                lease.checked(claimed.orgId(), claimed.id(), node, settings.interval());
            }
        }
        return due.size();
    }

    private void check(Connection c) {
        AppDefinition app = apps.available(c.environment(), c.appSlug());
        Connector connector = connectors.find(app).orElse(null);
        if (connector == null || c.status() != Connection.Status.ACTIVE) {
            return;
        }
        Connector.Check result = connector.check(connectors.context(c.orgId(), c.environment(), app), connections.credentials(c));
        if (result == Connector.Check.LOGIN_REQUIRED) {
            health.loginRequired(c, connector.refusedReason());
        }
    }

    @Override
    protected boolean enabled() {
        return settings.enabled();
    }
}
