package dev.keybridge.connection;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.web.ApiException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disconnects a connection: revokes the grant at the provider where its connector knows how, then in
 * one transaction moves it to {@code disconnected}, erases the stored credentials and emits
 * {@code connection.deleted}. The access token stops working at once; the row stays as history.
 */
@Component
public class Disconnector {

    public record Result(boolean disconnected, boolean revoked) {}

    private final Connections connections;
    private final ConnectionHealth health;
    private final AppSettings apps;
    private final AppConnectors connectors;
    private final TransactionTemplate tx;

    Disconnector(Connections connections, ConnectionHealth health, AppSettings apps, AppConnectors connectors,
                 TransactionTemplate tx) {
        this.connections = connections;
        this.health = health;
        this.apps = apps;
        this.connectors = connectors;
        this.tx = tx;
    }

    public Result disconnect(Connection c) {
        boolean revoked = revoke(c);
        Boolean done = tx.execute(s -> health.disconnected(c, "deleted"));
        return new Result(Boolean.TRUE.equals(done), revoked);
    }

    /** Best effort: false when the provider refused, failed, or the app's connector cannot revoke (or is gone). */
    private boolean revoke(Connection c) {
        try {
            AppDefinition app = apps.available(c.environment(), c.appSlug());
            return connectors.of(app).revoke(connectors.context(c.orgId(), c.environment(), app), connections.credentials(c));
        } catch (ApiException e) {
            return false;
        }
    }
}
