package dev.keybridge.ratelimit;

import dev.keybridge.database.DatabaseOutage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Fixed-window limits shared by every node: {@link #hit} counts in PostgreSQL and, when a counter
 * reaches its limit, blocks its key until the window ends, on this node at once and on the others
 * at their next {@link #refreshBlocks()} (every {@code KEYBRIDGE_RATE_LIMIT_SYNC_INTERVAL}).
 * {@link #blockedUntil} reads only memory. When the database cannot be reached the limiter
 * lets requests through (it must not turn an outage into refusals of its own: blocks already known stay
 * in memory, and the rest of the request needs the database anyway). Overload is not an outage: when
 * every connection stayed busy ({@link DatabaseOutage#isOverload}) the error goes on, so the request is
 * answered {@code 503 overloaded} like any other that found the pool full; letting it through instead
 * would lift every limit exactly when the server is flooded.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final Counters counters;
    private final Map<String, Instant> blocks = new ConcurrentHashMap<>();
    private final Clock clock;

    RateLimiter(Counters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** The latest end of a live block among {@code keys}, or null when none of them is blocked now. */
    @Nullable Instant blockedUntil(Collection<String> keys) {
        Instant now = clock.instant();
        @Nullable Instant latest = null;
        for (String key : keys) {
            Instant until = blocks.get(key);
            if (until != null && until.isAfter(now) && (latest == null || until.isAfter(latest))) {
                latest = until;
            }
        }
        return latest;
    }

    /** Seconds from now until {@code until}, at least 1 (Retry-After of a refusal while blocked). */
    long secondsUntil(Instant until) {
        return retryAfter(clock.instant(), until);
    }

    /**
     * Counts one hit on {@code key}; at {@code limit} hits in the window the key is blocked until the
     * window ends. Returns true when this hit is over the limit (the caller refuses it).
     */
    public boolean hit(String key, int limit, Duration window) {
        return add(key, 1, limit, window) > limit;
    }

    /**
     * Adds {@code delta} hits; the window's total, or 0 when the database could not be reached. Throws the
     * error when the pool was overloaded (answered {@code 503 overloaded}).
     */
    long add(String key, long delta, int limit, Duration window) {
        Instant now = clock.instant();
        Instant start = windowStart(now, window);
        try {
            long total = counters.add(key, start, delta);
            if (total >= limit) {
                Instant until = start.plus(window);
                blocks.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
                counters.block(key, until);
            }
            return total;
        } catch (DataAccessException e) {
            if (DatabaseOutage.isOverload(e)) {
                throw e;
            }
            log.warn("Rate limit counter not written (requests are let through): {}", e.getClass().getSimpleName());
            return 0;
        }
    }

    /** Seconds until the current window of size {@code window} ends (Retry-After of a refusal over a limit). */
    long untilWindowEnds(Duration window) {
        Instant now = clock.instant();
        return retryAfter(now, windowStart(now, window).plus(window));
    }

    /** Seconds from {@code now} to {@code until}, at least 1 (for Retry-After). */
    static long retryAfter(Instant now, Instant until) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }

    static Instant windowStart(Instant now, Duration window) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), size));
    }

    /** Replaces this node's view of the blocks with the database's (plus its own that are still live). */
    void refreshBlocks() {
        Instant now = clock.instant();
        Map<String, Instant> shared = counters.activeBlocks(now);
        blocks.entrySet().removeIf(e -> !e.getValue().isAfter(now));
        shared.forEach((k, v) -> blocks.merge(k, v, (a, b) -> a.isAfter(b) ? a : b));
    }

    void cleanup(Duration keep) {
        Instant now = clock.instant();
        counters.cleanup(now.minus(keep), now);
    }
}
