package dev.keybridge.connection;

import dev.keybridge.account.AccountDeletion;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.events.EventData;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.web.Timestamps;
import org.springframework.stereotype.Component;

/**
 * The one home of {@code connection.created} (Link's exchange, the browser SDK's Link, a key saved or a
 * credential imported all call {@link #created}), and of what a linked account's deletion does to its
 * connections: each live one is disconnected with {@code connection.deleted} (reason
 * {@code linked_account_deleted}) in the deleting transaction. The health events are {@link ConnectionHealth}'s.
 */
@Component
public class ConnectionEvents implements AccountDeletion {

    static final String ACCOUNT_DELETED = "linked_account_deleted";

    private final Events events;
    private final Connections connections;
    private final ConnectionHealth health;

    ConnectionEvents(Events events, Connections connections, ConnectionHealth health) {
        this.events = events;
        this.connections = connections;
        this.health = health;
    }

    /** Emits {@code connection.created}; inside the transaction that made (or handed out) the connection. */
    public void created(Connection c, String linkedAccountId) {
        events.emit(c.orgId(), c.environment(), EventType.CONNECTION_CREATED, data(c, linkedAccountId));
    }

    /** The {@code connection.created} body (also the {@code connection} of a credential import's answer). */
    public static EventData.Connection data(Connection c, String linkedAccountId) {
        return new EventData.Connection(c.id(), linkedAccountId, c.appSlug(), c.status().wire(), c.endUserOrgId(),
                Timestamps.format(c.createdAt()));
    }

    @Override
    public void deleting(LinkedAccount account) {
        for (Connection c : connections.forAccount(account.orgId(), account.environment(), account.id())) {
            health.disconnected(c, ACCOUNT_DELETED);
        }
    }
}
