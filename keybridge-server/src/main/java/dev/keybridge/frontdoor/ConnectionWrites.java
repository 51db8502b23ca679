package dev.keybridge.frontdoor;

import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionEvents;
import dev.keybridge.connection.ConnectionExpiry;
import dev.keybridge.connection.ConnectionHealth;
import dev.keybridge.connection.Connections;
import dev.keybridge.connector.Step;
import dev.keybridge.web.Errors;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores credentials that were checked outside Link, in one transaction with their event: a new
 * connection ({@code connection.created}), or new credentials for the account's live connection to the
 * app, which keeps its access token (and is repaired if it needed the end user).
 */
@Component
class ConnectionWrites {

    /** What was written: the connection, and its access token when it is new (in clear, once). */
    record Written(Connection connection, String accessToken, boolean created) {}

    private final Connections connections;
    private final ConnectionHealth health;
    private final ConnectionEvents connectionEvents;
    private final TransactionTemplate tx;
    private final ConnectionExpiry expiry;

    ConnectionWrites(Connections connections, ConnectionHealth health, ConnectionEvents connectionEvents,
                     TransactionTemplate tx, ConnectionExpiry expiry) {
        this.expiry = expiry;
        this.connections = connections;
        this.health = health;
        this.connectionEvents = connectionEvents;
        this.tx = tx;
    }

    /** The account's newest connection to the app that is not disconnected. */
    Optional<Connection> live(LinkedAccount account, String slug) {
        return connections.forAccount(account.orgId(), account.environment(), account.id()).stream()
                .filter(c -> c.appSlug().equals(slug) && c.status() != Connection.Status.DISCONNECTED).findFirst();
    }

    Written createOrReplace(LinkedAccount account, AppDefinition app, Step.Success ok) {
        return tx.execute(status -> {
            Optional<Connection> existing = live(account, app.slug());
            if (existing.isPresent()) {
                Connection c = existing.get();
                if (connections.replaceCredentials(c, c.credentialVersion(), ok.credentials(), ok.expiresAt())) {
                    expiry.record(c, ok.expiry(), true);
                }
                health.repaired(c);
                return new Written(connections.find(c.orgId(), c.environment(), c.id()).orElseThrow(), null, false);
            }
            return create(account, app, ok);
        });
    }

    /** A new connection, in its own transaction; 409 when the account already has a live one to the app. */
    Written createNew(LinkedAccount account, AppDefinition app, Step.Success ok) {
        return tx.execute(status -> {
            if (live(account, app.slug()).isPresent()) {
                throw new Errors.Conflict("connection_exists", "Linked account '" + account.externalId()
                        + "' already has a connection to '" + app.slug() + "'. Disconnect it first, or use update mode.");
            }
            return create(account, app, ok);
        });
    }

    /** A new connection and its {@code connection.created}; run inside a transaction. */
    Written create(LinkedAccount account, AppDefinition app, Step.Success ok) {
        Connections.Created made = connections.create(account.orgId(), account.environment(), account.id(), app.slug(),
                null, ok.credentials(), ok.expiresAt(), ok.displayName());
        expiry.record(made.connection(), ok.expiry(), true);
        connectionEvents.created(made.connection(), account.externalId());
        return new Written(made.connection(), made.accessToken(), true);
    }

}
