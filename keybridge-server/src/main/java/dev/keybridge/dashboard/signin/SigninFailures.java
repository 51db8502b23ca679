package dev.keybridge.dashboard.signin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sign-in failure counters of {@link SigninThrottle}, in PostgreSQL so that every node sees them. */
@Repository
class SigninFailures {

    /** Failures of one key in its window, which began at its first failure. */
    record Count(int failures, Instant windowStart) {}

    private final JdbcClient jdbc;

    SigninFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The counts of {@code keys} whose window began after {@code windowStart} (still running). */
    Map<String, Count> read(Collection<String> keys, Instant windowStart) {
        Map<String, Count> out = new HashMap<>();
        for (String key : keys) {
            jdbc.sql("select failures, window_start from operator_signin_failure where key = ? and window_start > ?")
                    .params(key, Timestamp.from(windowStart))
                    .query((rs, n) -> new Count(rs.getInt(1), rs.getTimestamp(2).toInstant())).optional()
                    .ifPresent(c -> out.put(key, c));
        }
        return out;
    }

    /** Counts a failure of each key; a window that began at or before {@code windowStart} starts again at {@code now}. */
    void record(Collection<String> keys, Instant now, Instant windowStart) {
        for (String key : keys) {
            jdbc.sql("""
                    insert into operator_signin_failure (key, failures, window_start) values (?, 1, ?)
                    on conflict (key) do update set
                      failures = case when operator_signin_failure.window_start > ? then operator_signin_failure.failures + 1 else 1 end,
                      window_start = case when operator_signin_failure.window_start > ? then operator_signin_failure.window_start else ? end""")
                    .params(key, Timestamp.from(now), Timestamp.from(windowStart), Timestamp.from(windowStart),
                            Timestamp.from(now))
                    .update();
        }
    }

    /** Deletes the counters whose window ended (at or before {@code windowStart}). */
    void sweep(Instant windowStart) {
        jdbc.sql("delete from operator_signin_failure where window_start <= ?").param(Timestamp.from(windowStart)).update();
    }
}
