package dev.keybridge.connection;

import dev.keybridge.background.ReadyLoop;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connector.Expiry;
import dev.keybridge.events.EventData;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.web.Timestamps;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends {@code connection.pending_expiration} once per horizon, the environment's lead time before it (and seed
 * 002's {@code access_token.password_change_warning} beside it for an expiring password, to the endpoints that
 * list that name). Each pass claims a batch with {@code SKIP LOCKED} and writes its events in the same
 * transaction: any number of nodes may run it, and a crash mid-pass loses and repeats nothing.
 */
@Component
public class ExpiryWarnings extends ReadyLoop {

    static final int BATCH = 200;

    private final ConnectionExpiry expiry;
    private final Events events;
    private final TransactionTemplate tx;
    private final boolean enabled;

    ExpiryWarnings(ConnectionExpiry expiry, Events events, TransactionTemplate tx, KeybridgeSettings settings) {
        super("expiry-warnings", settings.checks().expiryPollInterval());
        this.expiry = expiry;
        this.events = events;
        this.tx = tx;
        this.enabled = settings.checks().enabled();
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected boolean pass() {
        return warn() >= BATCH;
    }

    /** One batch: claims the connections due a warning and emits it. Returns how many were warned of. */
    public int warn() {
        List<ConnectionExpiry.Due> due = tx.execute(s -> {
            List<ConnectionExpiry.Due> claimed = expiry.claimDue(BATCH);
            for (ConnectionExpiry.Due d : claimed) {
                EventData.PendingExpiration data = new EventData.PendingExpiration(d.connectionId(), d.linkedAccountId(),
                        d.app(), Timestamps.format(d.expiry().at()), d.expiry().reason(), d.endUserOrgId());
                events.emit(d.orgId(), d.environment(), EventType.CONNECTION_PENDING_EXPIRATION, data);
                if (Expiry.PASSWORD.equals(d.expiry().reason())) {
                    events.emit(d.orgId(), d.environment(), EventType.ACCESS_TOKEN_PASSWORD_CHANGE_WARNING, data);
                }
            }
            return claimed;
        });
        return due == null ? 0 : due.size();
    }
}
