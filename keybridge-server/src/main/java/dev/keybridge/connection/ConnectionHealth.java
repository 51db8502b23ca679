package dev.keybridge.connection;

import dev.keybridge.account.AccountService;
import dev.keybridge.events.EventData;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.web.Timestamps;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The health state machine of a connection: {@code active} → {@code login_required} (with a reason)
 * → {@code active} (repaired through update mode); any → {@code disconnected}. Each transition is one
 * conditional UPDATE plus a {@code connection_transition} row and its event, in one transaction, so
 * of many concurrent callers that see the same failure exactly one moves the connection and exactly
 * one {@code access_token.login_required} is emitted.
 */
@Service
public class ConnectionHealth {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHealth.class);

    private final Connections connections;
    private final Events events;
    private final AccountService accounts;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ConnectionHealth(Connections connections, Events events, AccountService accounts, TransactionTemplate tx,
                            Clock clock) {
        this.connections = connections;
        this.events = events;
        this.accounts = accounts;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * {@code active} → {@code login_required} with {@code reason}, emitting
     * {@code access_token.login_required}; true only for the caller that made the move.
     */
    public boolean loginRequired(Connection c, String reason) {
        Boolean moved = tx.execute(s -> {
            if (!connections.transitionFrom(c, Connection.Status.ACTIVE, Connection.Status.LOGIN_REQUIRED, reason)) {
                return false;
            }
            events.emit(c.orgId(), c.environment(), EventType.ACCESS_TOKEN_LOGIN_REQUIRED, data(c, "login_required", reason));
            return true;
        });
        if (Boolean.TRUE.equals(moved)) {
            log.info("Connection {} ({}) needs the end user again: {}", c.id(), c.appSlug(), reason);
        }
        return Boolean.TRUE.equals(moved);
    }

    /**
     * {@code login_required} → {@code active} after update mode, emitting {@code connection.repaired};
     * must run inside the transaction that stored the new credentials. False if it was not failing.
     */
    public boolean repaired(Connection c) {
        if (!connections.transitionFrom(c, Connection.Status.LOGIN_REQUIRED, Connection.Status.ACTIVE, null)) {
            return false;
        }
        events.emit(c.orgId(), c.environment(), EventType.CONNECTION_REPAIRED, data(c, "active", null));
        return true;
    }

    /**
     * Any live status → {@code disconnected}, emitting {@code connection.deleted}, and the credentials
     * erased; inside the caller's transaction. False if it was already disconnected.
     */
    boolean disconnected(Connection c, String reason) {
        if (c.status() == Connection.Status.DISCONNECTED
                || !connections.transitionFrom(c, c.status(), Connection.Status.DISCONNECTED, reason)) {
            return false;
        }
        connections.erase(c);
        events.emit(c.orgId(), c.environment(), EventType.CONNECTION_DELETED, data(c, "disconnected", reason));
        return true;
    }

    /** The event body: ids, app, status and reason; never a credential or the access token. */
    private EventData.Health data(Connection c, String status, String reason) {
        return new EventData.Health(c.id(), accounts.externalId(c.linkedAccountId()), c.appSlug(), status, reason,
                c.endUserOrgId(), Timestamps.format(clock.instant()));
    }
}
