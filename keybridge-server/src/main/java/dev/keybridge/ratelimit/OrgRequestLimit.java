package dev.keybridge.ratelimit;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ErrorWriter;
import dev.keybridge.web.Errors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Requests per organization per minute ({@code KEYBRIDGE_RATE_LIMIT_ORG_REQUESTS_PER_MINUTE}, 0 =
 * none; the minute is a fixed window of the {@link Clock}), over all nodes: each node counts in
 * memory and adds its count to the shared counter every sync interval; a request is refused with 429
 * when the organization's last known total plus this node's unsent count reaches the limit (so the
 * cluster may overshoot by at most one sync interval of traffic per node). Counting costs no query on
 * the request path.
 */
@Component
class OrgRequestLimit implements HandlerInterceptor, WebMvcConfigurer {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final RateLimiter limiter;
    private final ErrorWriter errors;
    private final int limit;
    private final Map<String, AtomicLong> unsent = new ConcurrentHashMap<>();
    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant window = Instant.EPOCH;

    OrgRequestLimit(RateLimiter limiter, ErrorWriter errors, KeybridgeSettings settings, Clock clock) {
        this.clock = clock;
        this.limiter = limiter;
        this.errors = errors;
        this.limit = settings.rateLimits().enabled() ? settings.rateLimits().orgRequestsPerMinute() : 0;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (limit > 0) {
            registry.addInterceptor(this);
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        String org = organization();
        if (org == null) {
            return true;
        }
        Instant now = clock.instant();
        rollWindow(now);
        long mine = unsent.computeIfAbsent(org, k -> new AtomicLong()).incrementAndGet();
        if (known.getOrDefault(org, 0L) + mine > limit) {
            unsent.get(org).decrementAndGet();
            errors.write(request, response, new Errors.RateLimited("This organization sent more than " + limit
                    + " requests in a minute; try again after the Retry-After delay.",
                    RateLimiter.retryAfter(now, window.plus(WINDOW))));
            return false;
        }
        return true;
    }

    /** Adds this node's counts to the shared counters and learns the totals (run every sync interval). */
    void flush() {
        if (limit <= 0) {
            return;
        }
        Instant start = rollWindow(clock.instant());
        for (Map.Entry<String, AtomicLong> e : unsent.entrySet()) {
            long delta = e.getValue().getAndSet(0);
            long total;
            try {
                total = limiter.add("org_requests:" + e.getKey(), delta, Integer.MAX_VALUE, WINDOW);
            } catch (RuntimeException overloaded) {
                e.getValue().addAndGet(delta); // sent at the next pass
                throw overloaded;
            }
            learn(start, e.getKey(), total);
        }
        unsent.entrySet().removeIf(e -> e.getValue().get() == 0);
    }

    /** The window of {@code now}, started afresh (nothing known, nothing unsent) when it is a new one. */
    private synchronized Instant rollWindow(Instant now) {
        Instant start = RateLimiter.windowStart(now, WINDOW);
        if (!start.equals(window)) {
            window = start;
            known.clear();
            unsent.clear();
        }
        return window;
    }

    /**
     * Keeps a total learned in the window {@code start} only while that is still the current window: a
     * total read while the minute turned would otherwise count against the new minute.
     */
    private synchronized void learn(Instant start, String org, long total) {
        if (start.equals(window)) {
            known.put(org, total);
        }
    }

    private static @Nullable String organization() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Caller c && c.orgId() != null ? c.orgId() : null;
    }
}
