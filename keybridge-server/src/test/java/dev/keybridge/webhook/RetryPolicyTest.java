package dev.keybridge.webhook;

import static dev.keybridge.support.SettingsBuilder.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** When a webhook delivery is tried again ({@link RetryPolicy}): the schedule with its jitter, what is retried, Retry-After. */
class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final RetryPolicy policy = new RetryPolicy(settings().with("keybridge.webhooks.retry-schedule", "1m,5m,30m").build());

    private static Outcome failed(int status) {
        return Outcome.response(status, "", 10, null);
    }

    /** Many draws of the wait after {@code attempt}: each must lie within +/-20% of {@code base}. */
    private static void assertWaitsAbout(RetryPolicy policy, int attempt, Duration base) {
        long low = Math.round(base.toMillis() * 0.8);
        long high = Math.round(base.toMillis() * 1.2);
        for (int i = 0; i < 500; i++) {
            Optional<Duration> wait = policy.nextDelay(attempt, failed(503));
            assertThat(wait).as("after attempt %d", attempt).isPresent();
            assertThat(wait.get().toMillis()).as("after attempt %d", attempt).isBetween(low, high);
        }
    }

    @Test
    void doesRetryAfterOneMinuteWhenFirstAttemptFails() {
        assertWaitsAbout(policy, 1, Duration.ofMinutes(1));
    }

    @Test
    void doesFollowTheScheduleWhenLaterAttemptsFail() {
        assertWaitsAbout(policy, 2, Duration.ofMinutes(5));
        assertWaitsAbout(policy, 3, Duration.ofMinutes(30));
    }

    @Test
    void doesSpreadTheWaitsWhenManyDeliveriesFailTogether() {
        long distinct = IntStream.range(0, 200)
                .mapToObj(i -> policy.nextDelay(1, failed(500)).orElseThrow()).distinct().count();
        assertThat(distinct).as("jitter").isGreaterThan(50);
    }

    @Test
    void doesGiveUpWhenTheLastScheduledRetryHasFailed() {
        assertThat(policy.nextDelay(4, failed(503))).isEmpty();
        assertThat(policy.nextDelay(10, failed(503))).isEmpty();
    }

    @Test
    void doesRetrySevenTimesStartingAfterFiveSecondsWhenTheScheduleIsTheDefault() {
        RetryPolicy defaults = new RetryPolicy(settings().build());

        assertWaitsAbout(defaults, 1, Duration.ofSeconds(5));
        assertWaitsAbout(defaults, 7, Duration.ofHours(10));
        assertThat(defaults.nextDelay(8, failed(503))).isEmpty();
    }

    @Test
    void doesRetryWhenNoAnswerCameOrTheReceiverAskedForIt() {
        assertThat(policy.nextDelay(1, Outcome.failure("timeout", 2000))).isPresent();
        for (int status : List.of(408, 429, 500, 502, 503, 504)) {
            assertThat(policy.nextDelay(1, failed(status))).as("status %d", status).isPresent();
        }
    }

    @Test
    void doesNotRetryWhenTheReceiverAnswers4xxOrARedirect() {
        for (int status : List.of(301, 302, 400, 401, 403, 404, 410, 422)) {
            assertThat(policy.nextDelay(1, failed(status))).as("status %d", status).isEmpty();
        }
    }

    @Test
    void doesNotRetryWhenTheAttemptSucceeded() {
        assertThat(policy.nextDelay(1, failed(200))).isEmpty();
        assertThat(policy.nextDelay(1, failed(204))).isEmpty();
    }

    @Test
    void doesNotRetryWhenTheSendWasRefused() {
        assertThat(policy.nextDelay(1, Outcome.refused("url_refused: private address"))).isEmpty();
    }

    @Test
    void doesWaitExactlyAsLongAsRetryAfterSaysWhenTheReceiverSendsIt() {
        Outcome tooMany = Outcome.response(429, "", 10, Duration.ofSeconds(120));

        assertThat(policy.nextDelay(1, tooMany)).contains(Duration.ofSeconds(120));
        assertThat(policy.nextDelay(4, tooMany)).as("not past the last attempt").isEmpty();
    }

    @Test
    void doesReadRetryAfterInSeconds() {
        assertThat(RetryPolicy.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void doesReadRetryAfterAsAnHttpDateFromNow() {
        String tenSecondsLater = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(10).atZone(ZoneOffset.UTC));
        String anHourAgo = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(3600).atZone(ZoneOffset.UTC));

        assertThat(RetryPolicy.parseRetryAfter(tenSecondsLater, NOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryPolicy.parseRetryAfter(anHourAgo, NOW)).as("a past date: at once").isEqualTo(Duration.ZERO);
    }

    @Test
    void doesCapRetryAfterAtOneDayWhenTheReceiverAsksForMore() {
        assertThat(RetryPolicy.parseRetryAfter("90000", NOW)).isEqualTo(Duration.ofHours(24));
        assertThat(RetryPolicy.parseRetryAfter("99999999999999999999", NOW)).isEqualTo(Duration.ofHours(24));
        String nextYear = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plus(Duration.ofDays(365)).atZone(ZoneOffset.UTC));
        assertThat(RetryPolicy.parseRetryAfter(nextYear, NOW)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void doesIgnoreRetryAfterWhenItCannotBeRead() {
        assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isNull();
        assertThat(RetryPolicy.parseRetryAfter("  ", NOW)).isNull();
        assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isNull();
        assertThat(RetryPolicy.parseRetryAfter("-5", NOW)).isNull();
        assertThat(RetryPolicy.parseRetryAfter("1".repeat(65), NOW)).as("longer than 64 characters").isNull();
    }
}
