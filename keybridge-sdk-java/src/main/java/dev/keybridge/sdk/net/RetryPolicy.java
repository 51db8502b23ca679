package dev.keybridge.sdk.net;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * When and how long to wait before a retry: exponential backoff from {@code initialDelay}, doubled per
 * attempt up to {@code maxDelay}, with jitter (each wait is a random 50–100% of its step, so clients
 * that failed together do not come back together). A {@code Retry-After} header wins when it asks for
 * at most {@code maxRetryAfter}; one asking for longer is not waited for (the call fails instead).
 */
public final class RetryPolicy {

    private final int maxRetries;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;

    /** A policy; {@code maxRetries} 0 turns retries off. */
    public RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more");
        }
        this.maxRetries = maxRetries;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.maxRetryAfter = maxRetryAfter;
    }

    /** Two retries, 500 ms then about 1 s, Retry-After honoured up to 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30));
    }

    /** Retries allowed after the first attempt. */
    public int maxRetries() {
        return maxRetries;
    }

    /** A copy with another retry count. */
    public RetryPolicy withMaxRetries(int retries) {
        return new RetryPolicy(retries, initialDelay, maxDelay, maxRetryAfter);
    }

    /**
     * The wait before retry number {@code retry} (0-based), or null when {@code retryAfterHeader} asks
     * for more than {@code maxRetryAfter}.
     */
    public @Nullable Duration delay(int retry, @Nullable String retryAfterHeader) {
        Duration asked = parseRetryAfter(retryAfterHeader);
        if (asked != null) {
            return asked.compareTo(maxRetryAfter) > 0 ? null : asked;
        }
        long step = initialDelay.toMillis() << Math.min(retry, 20);
        long capped = Math.min(step, maxDelay.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** Seconds or an HTTP date; null when absent or unreadable. */
    static @Nullable Duration parseRetryAfter(@Nullable String value) {
        return parseRetryAfter(value, Instant.now());
    }

    /** Seconds or an HTTP date (the wait from {@code now} until then, none when past); null when absent or unreadable. */
    static @Nullable Duration parseRetryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
                + ", maxRetryAfter=" + maxRetryAfter + "]";
    }
}
