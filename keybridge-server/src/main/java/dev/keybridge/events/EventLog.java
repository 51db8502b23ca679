package dev.keybridge.events;

import dev.keybridge.tenancy.Environment;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reading the outbox back: the latest events of an environment (the dashboard's overview). */
@Component
public class EventLog {

    /** An event as a list shows it; {@code data} is its JSON text. */
    public record Entry(String id, String type, Instant createdAt, String data) {}

    private final JdbcClient jdbc;

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest {@code limit} events, newest first. */
    public List<Entry> latest(String orgId, Environment env, int limit) {
        return jdbc.sql("select id, type, created_at, cast(data as text) from event "
                        + "where org_id = ? and environment = ? order by seq desc limit ?")
                .params(orgId, env.wire(), limit)
                .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)))
                .list();
    }
}
