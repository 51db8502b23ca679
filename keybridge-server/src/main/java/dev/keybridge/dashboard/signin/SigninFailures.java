package dev.keybridge.dashboard.signin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
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

    /**
     * Counts a failure of each of {@code keys} and returns their new counts, in one statement (so two
     * attempts at once never both read the count from before the other; the rows are locked in key order,
     * the same in every statement, so attempts at once wait for each other and never deadlock). A window
     * that began at or before {@code windowStart} starts again at {@code now}.
     */
    Map<String, Count> add(List<String> keys, Instant now, Instant windowStart) {
        StringBuilder sql = new StringBuilder("insert into operator_signin_failure (key, failures, window_start) values ");
        List<Object> params = new ArrayList<>();
        for (String key : keys.stream().sorted().toList()) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, 1, ?)");
            params.add(key);
            params.add(Timestamp.from(now));
        }
        sql.append("""
                 on conflict (key) do update set
                  failures = case when operator_signin_failure.window_start > ? then operator_signin_failure.failures + 1 else 1 end,
                  window_start = case when operator_signin_failure.window_start > ? then operator_signin_failure.window_start else ? end
                returning key, failures, window_start""");
        params.addAll(List.of(Timestamp.from(windowStart), Timestamp.from(windowStart), Timestamp.from(now)));
        Map<String, Count> out = new HashMap<>();
        jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> out.put(rs.getString(1), new Count(rs.getInt(2), rs.getTimestamp(3).toInstant()))).list();
        return out;
    }

    /**
     * Takes back one failure of each of {@code keys} whose window began after {@code windowStart} (an attempt that was
     * none). The rows are locked in key order first, as {@link #add} locks them: an update by {@code key in (…)} alone
     * locks them in the order it finds them, and two sign-ins at once deadlocked (PostgreSQL cancels one: a 500).
     */
    void remove(List<String> keys, Instant windowStart) {
        List<Object> params = new ArrayList<>(keys);
        params.add(Timestamp.from(windowStart));
        jdbc.sql("""
                update operator_signin_failure f set failures = greatest(f.failures - 1, 0)
                from (select key from operator_signin_failure where key in (%s) and window_start > ?
                      order by key for update) locked
                where f.key = locked.key""".formatted(String.join(", ", Collections.nCopies(keys.size(), "?"))))
                .params(params).update();
    }

    /** Deletes the counters whose window ended (at or before {@code windowStart}). */
    void sweep(Instant windowStart) {
        jdbc.sql("delete from operator_signin_failure where window_start <= ?").param(Timestamp.from(windowStart)).update();
    }
}
