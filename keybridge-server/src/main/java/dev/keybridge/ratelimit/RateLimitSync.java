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

    private final RateLimiter limiter;
    private final OrgRequestLimit orgs;
    private final boolean enabled;
    private final Duration keep;
    private int passes;

    RateLimitSync(RateLimiter limiter, OrgRequestLimit orgs, KeybridgeSettings settings) {
        super("rate-limit-sync", settings.rateLimits().syncInterval());
        this.limiter = limiter;
        this.orgs = orgs;
        this.enabled = settings.rateLimits().enabled();
        // Counters outlive their window (a day at least), so no live window is ever deleted.
        Duration longest = settings.rateLimits().failedAuthWindow().compareTo(settings.rateLimits().linkAttemptWindow()) > 0
                ? settings.rateLimits().failedAuthWindow() : settings.rateLimits().linkAttemptWindow();
        this.keep = longest.multipliedBy(2).compareTo(Duration.ofDays(1)) > 0 ? longest.multipliedBy(2) : Duration.ofDays(1);
    }

    @Override
    protected boolean pass() {
        orgs.flush();
        limiter.refreshBlocks();
        if (passes++ % 600 == 0) {
            limiter.cleanup(keep);
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
