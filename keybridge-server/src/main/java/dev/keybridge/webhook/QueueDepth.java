package dev.keybridge.webhook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How much webhook work waits, over all nodes: events not yet fanned out, deliveries not yet finished. */
@Component
public class QueueDepth {

    private final JdbcClient jdbc;

    QueueDepth(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long undispatchedEvents() {
        return jdbc.sql("select count(*) from event where dispatched_at is null").query(Long.class).single();
    }

    public long pendingDeliveries() {
        return jdbc.sql("select count(*) from webhook_delivery where status = 'pending'").query(Long.class).single();
    }
}
