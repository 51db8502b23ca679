package dev.keybridge.ratelimit;

import java.time.Clock;

/**
 * A token bucket, per node: at most {@code perSecond} takes a second, and at most {@code perSecond} at
 * once after a quiet spell. Time comes from the clock (a clock moved back refills nothing).
 */
final class LookupBudget {

    private final Clock clock;
    private final int perSecond;
    private double tokens;
    private long last;
    private long taken;

    LookupBudget(Clock clock, int perSecond) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.last = clock.millis();
    }

    /** Takes a token: false when none is left. */
    synchronized boolean take() {
        long now = clock.millis();
        tokens = Math.min(perSecond, tokens + Math.max(0, now - last) * perSecond / 1000.0);
        last = Math.max(last, now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        taken++;
        return true;
    }

    /** Tokens taken since the start. */
    synchronized long taken() {
        return taken;
    }
}
