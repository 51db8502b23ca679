package dev.keybridge.webhook;

import dev.keybridge.config.KeybridgeSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * When to try again. Network errors, timeouts, 408, 429 and 5xx are retried following the
 * configured schedule (+/-20% jitter) or the receiver's {@code Retry-After} when it sends one
 * (capped at a day); any other answer is final. After the last attempt a delivery fails.
 */
@Component
class RetryPolicy {

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
    private static final double JITTER = 0.2;

    private final List<Duration> schedule;

    RetryPolicy(KeybridgeSettings settings) {
        this.schedule = settings.webhooks().retrySchedule();
    }

    static boolean isRetryable(Outcome o) {
        if (o.refused()) {
            return false;
        }
        int s = o.statusCode();
        return s == 0 || s == 408 || s == 429 || s >= 500;
    }

    /** The wait before the next attempt after attempt number {@code attempt} (1-based), or empty when it was the last. */
    Optional<Duration> nextDelay(int attempt, Outcome o) {
        if (o.succeeded() || !isRetryable(o) || attempt > schedule.size()) {
            return Optional.empty();
        }
        if (o.retryAfter() != null) {
            return Optional.of(o.retryAfter());
        }
        Duration base = schedule.get(attempt - 1);
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
        return Optional.of(Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor))));
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank() || value.length() > 64) {
            return null;
        }
        String v = value.trim();
        Duration d;
        if (v.chars().allMatch(Character::isDigit)) {
            d = v.length() > 9 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }
}
