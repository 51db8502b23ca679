package dev.keybridge.sdk.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Backoff steps, jitter bounds and Retry-After in both of its forms. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(30));

    @Test
    void doesDoubleEachWaitWithJitterUpToTheCapWhenNoRetryAfterIsSent() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(0, null).toMillis()).isBetween(50L, 100L);
            assertThat(policy.delay(1, null).toMillis()).isBetween(100L, 200L);
            assertThat(policy.delay(4, null).toMillis()).isBetween(200L, 400L);
        }
    }

    @Test
    void doesHonourRetryAfterInSecondsOrAsADateAndRefuseTooLongAWait() {
        assertThat(policy.delay(0, "2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(0, "0")).isEqualTo(Duration.ZERO);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(policy.delay(0, date)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(policy.delay(0, "3600")).as("longer than maxRetryAfter: do not wait, fail").isNull();
        assertThat(policy.delay(0, "soon").toMillis()).as("unreadable: ordinary backoff").isBetween(50L, 100L);
    }
}
