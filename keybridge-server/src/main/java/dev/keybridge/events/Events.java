package dev.keybridge.events;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
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

    private final Clock clock;

    public Events(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher publisher, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
        this.publisher = publisher;
    }

    /** An event taken for dispatch ({@link #dispatch}): who it belongs to and its type. */
    public record Dispatched(String id, String orgId, String environment, String type) {}

    /**
     * Writes the event; must run inside the transaction that makes the change. Returns its id. The type
     * names its payload ({@code EventType<T>}), so only a {@code T} is accepted.
     */
    public <T extends EventData> String emit(String orgId, Environment env, EventType<T> type, T data) {
        String id = insert(orgId, env, type, data, false);
        notifyAfterCommit();
        return id;
    }

    /**
     * Writes an event that is dispatched already: it reaches only the deliveries its writer creates in
     * the same transaction (a {@code webhook.test} to one endpoint), never the fan-out.
     */
    public <T extends EventData> String emitDispatched(String orgId, Environment env, EventType<T> type, T data) {
        return insert(orgId, env, type, data, true);
    }

    /**
     * Takes up to {@code limit} undispatched events, oldest first, and marks them dispatched; rows
     * another node is taking are skipped. Must run inside the transaction that creates their
     * deliveries, so a crash leaves them undispatched for the next pass.
     */
    public List<Dispatched> dispatch(int limit) {
        requireTransaction("Events.dispatch");
        return jdbc.sql("""
                with batch as (
                    select seq from event where dispatched_at is null order by seq limit ? for update skip locked
                )
                update event e set dispatched_at = ? from batch b where e.seq = b.seq
                returning e.id, e.org_id, e.environment, e.type
                """)
                .params(limit, Timestamp.from(clock.instant()))
                .query((rs, n) -> new Dispatched(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private String insert(String orgId, Environment env, EventType<?> type, EventData data, boolean dispatched) {
        requireTransaction("Events.emit");
        if (!type.payload().isInstance(data)) { // only a raw or unchecked cast gets here
            throw new IllegalArgumentException(type.wire() + " carries " + type.payload().getSimpleName() + ", not "
                    + data.getClass().getSimpleName());
        }
        String id = "evt_" + Ids.objectId();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("insert into event (id, org_id, environment, type, data, created_at, dispatched_at) "
                        + "values (?, ?, ?, ?, cast(? as jsonb), ?, case when ? then cast(? as timestamptz) end)")
                .params(id, orgId, env.wire(), type.wire(), json.writeValueAsString(data), now, dispatched, now)
                .update();
        return id;
    }

    private static void requireTransaction(String what) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(what + " must run inside the transaction of the change");
        }
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
