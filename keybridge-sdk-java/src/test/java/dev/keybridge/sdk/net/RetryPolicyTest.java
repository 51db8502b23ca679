package dev.keybridge.sdk.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Backoff steps, jitter bounds and Retry-After in both of its forms. */
class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(30));

    private static String httpDate(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC));
    }

    @Test
    void doesDoubleEachWaitWithJitterUpToTheCapWhenNoRetryAfterIsSent() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(0, null).toMillis()).isBetween(50L, 100L);
            assertThat(policy.delay(1, null).toMillis()).isBetween(100L, 200L);
            assertThat(policy.delay(4, null).toMillis()).isBetween(200L, 400L);
        }
    }

    @Test
    void doesHonourRetryAfterInSecondsAndRefuseTooLongAWait() {
        assertThat(policy.delay(0, "2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(0, "0")).isEqualTo(Duration.ZERO);
        assertThat(policy.delay(0, "30")).as("exactly maxRetryAfter is still waited for").isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(0, "3600")).as("longer than maxRetryAfter: do not wait, fail").isNull();
        assertThat(policy.delay(0, "soon").toMillis()).as("unreadable: ordinary backoff").isBetween(50L, 100L);
    }

    @Test
    void doesReadRetryAfterAsTheTimeUntilAnHttpDate() {
        assertThat(RetryPolicy.parseRetryAfter(httpDate(NOW.plusSeconds(10)), NOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryPolicy.parseRetryAfter(httpDate(NOW.minusSeconds(3600)), NOW)).as("past: at once").isEqualTo(Duration.ZERO);
    }

    @Test
    void doesWaitForNothingOrRefuseWhenRetryAfterIsAFarDate() {
        assertThat(policy.delay(0, "Sun, 06 Nov 1994 08:49:37 GMT")).as("a date long past: at once").isEqualTo(Duration.ZERO);
        assertThat(policy.delay(0, "Fri, 01 Jan 2100 00:00:00 GMT")).as("too far ahead: fail").isNull();
    }

    @Test
    void doesReadNegativeSecondsAsAtOnceAndIgnoreWhatItCannotRead() {
        assertThat(RetryPolicy.parseRetryAfter("-5", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isNull();
        assertThat(RetryPolicy.parseRetryAfter(" ", NOW)).isNull();
        assertThat(RetryPolicy.parseRetryAfter("tomorrow", NOW)).isNull();
    }

    @Test
    void doesRetryTwiceStartingAtAboutHalfASecondWhenTheDefaultsAreUsed() {
        RetryPolicy defaults = RetryPolicy.defaults();

        assertThat(defaults.maxRetries()).isEqualTo(2);
        for (int i = 0; i < 100; i++) {
            assertThat(defaults.delay(0, null).toMillis()).isBetween(250L, 500L);
            assertThat(defaults.delay(1, null).toMillis()).isBetween(500L, 1000L);
        }
        assertThat(defaults.delay(0, "30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.delay(0, "31")).isNull();
    }

    @Test
    void doesChangeOnlyTheRetryCountWhenCopiedWithAnother() {
        RetryPolicy none = policy.withMaxRetries(0);

        assertThat(none.maxRetries()).isZero();
        assertThat(policy.maxRetries()).isEqualTo(5);
        assertThat(none.delay(1, null).toMillis()).isBetween(100L, 200L);
    }

    @Test
    void doesRefuseANegativeRetryCountWhenBuilt() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries");
    }
}
