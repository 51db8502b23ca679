package dev.keybridge.ratelimit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of the shared counters and blocks (this package owns both tables). */
@Component
class Counters {

    private final JdbcClient jdbc;

    Counters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds {@code delta} to the counter of {@code key} in the window starting at {@code window}; the new total. */
    long add(String key, Instant window, long delta) {
        return jdbc.sql("insert into rate_limit_counter (key, window_start, hits) values (?, ?, ?) "
                        + "on conflict (key, window_start) do update set hits = rate_limit_counter.hits + excluded.hits "
                        + "returning hits")
                .params(key, Timestamp.from(window), delta).query(Long.class).single();
    }

    void block(String key, Instant until) {
        jdbc.sql("insert into rate_limit_block (key, until) values (?, ?) on conflict (key) do update "
                        + "set until = greatest(rate_limit_block.until, excluded.until)")
                .params(key, Timestamp.from(until)).update();
    }

    Map<String, Instant> activeBlocks(Instant now) {
        Map<String, Instant> out = new HashMap<>();
        jdbc.sql("select key, until from rate_limit_block where until > ?").param(Timestamp.from(now))
                .query((rs, i) -> out.put(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        return out;
    }

    void cleanup(Instant countersBefore, Instant now) {
        jdbc.sql("delete from rate_limit_counter where window_start < ?").param(Timestamp.from(countersBefore)).update();
        jdbc.sql("delete from rate_limit_block where until < ?").param(Timestamp.from(now)).update();
    }
}
