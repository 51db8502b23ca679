package dev.keybridge.events;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Ids;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox: the only way anything leaves Keybridge. An event is written in the same transaction
 * as the change that causes it, so it exists exactly when the change does.
 */
@Component
public class Events {

    /**
     * Published (in this JVM) after a transaction that emitted events commits, so consumers such as
     * webhook delivery can react at once instead of at their next poll. Only a hint: consumers
     * must still find events by reading the table.
     */
    public record Committed() {}

    private static final Object MARK = new Object();

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;

    private final java.time.Clock clock;

    public Events(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher publisher, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
        this.publisher = publisher;
    }

    /** Writes the event; must run inside the transaction that makes the change. Returns its id. */
    public String emit(String orgId, Environment env, EventType type, EventData data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Events.emit must run inside the transaction of the change");
        }
        String id = "evt_" + Ids.objectId();
        jdbc.sql("insert into event (id, org_id, environment, type, data, created_at) values (?, ?, ?, ?, cast(? as jsonb), ?)")
                .params(id, orgId, env.wire(), type.wire(), json.writeValueAsString(data),
                        java.sql.Timestamp.from(clock.instant()))
                .update();
        notifyAfterCommit();
        return id;
    }

    private void notifyAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(MARK)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(MARK, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(MARK);
                if (status == STATUS_COMMITTED) {
                    publisher.publishEvent(new Committed());
                }
            }
        });
    }
}
