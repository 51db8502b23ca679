package dev.keybridge.ratelimit;

import dev.keybridge.background.BackgroundLoop;
import dev.keybridge.config.KeybridgeSettings;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's share of the shared limits, every sync interval: sends its per-organization counts,
 * reads the live blocks, and now and then deletes counters and blocks that have run out.
 */
@Component
class RateLimitSync extends BackgroundLoop implements SmartLifecycle {

    private static final Duration KEEP = Duration.ofDays(1);

    private final RateLimiter limiter;
    private final OrgRequestLimit orgs;
    private final boolean enabled;
    private int passes;

    RateLimitSync(RateLimiter limiter, OrgRequestLimit orgs, KeybridgeSettings settings) {
        super("rate-limit-sync", settings.rateLimits().syncInterval());
        this.limiter = limiter;
        this.orgs = orgs;
        this.enabled = settings.rateLimits().enabled();
    }

    @Override
    protected boolean pass() {
        orgs.flush();
        limiter.refreshBlocks();
        if (passes++ % 600 == 0) {
            limiter.cleanup(KEEP);
        }
        return false;
    }

    @Override
    public void start() {
        if (enabled) {
            startLoop();
        }
    }

    @Override
    public void stop() {
        stopLoop();
    }

    @Override
    public boolean isRunning() {
        return isLoopRunning();
    }
}
