package dev.keybridge.ratelimit;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Errors;
import org.springframework.stereotype.Component;

/**
 * Link attempts per login across sessions: every form an end user submits (password, code, answer)
 * counts against the login (organization, environment, linked account, app) it tries, whichever
 * Link session it comes through, so opening new sessions does not reset the count kept per session.
 */
@Component
public class LinkAttempts {

    private final RateLimiter limiter;
    private final KeybridgeSettings.RateLimits settings;

    LinkAttempts(RateLimiter limiter, KeybridgeSettings settings) {
        this.limiter = limiter;
        this.settings = settings.rateLimits();
    }

    /** Counts one attempt; 429 {@code rate_limited} when the login is over its limit. */
    public void count(String orgId, String environment, String linkedAccountId, String app) {
        if (!settings.enabled()) {
            return;
        }
        String key = "link_login:" + orgId + ":" + environment + ":" + app + ":" + AuthThrottle.client(linkedAccountId);
        if (limiter.hit(key, settings.linkAttemptsPerLogin(), settings.linkAttemptWindow())) {
            throw new Errors.RateLimited("Too many attempts to link this account; try again later.",
                    limiter.untilWindowEnds(settings.linkAttemptWindow()));
        }
    }
}
