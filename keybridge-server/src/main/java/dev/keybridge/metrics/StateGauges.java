package dev.keybridge.metrics;

import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionStatusQueries;
import dev.keybridge.webhook.QueueDepth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Gauges of what the database holds, for {@code /actuator/prometheus}: connections by status
 * ({@code keybridge_connections{status=…}}) and the webhook queue ({@code keybridge_webhook_queue{stage=…}}).
 * Each is counted at most once per {@link #MAX_AGE} however often it is scraped, so many scrapers or
 * nodes cannot load the database.
 */
@Component
class StateGauges {

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    StateGauges(MeterRegistry registry, ConnectionStatusQueries connections, QueueDepth queue, Clock clock) {
        Cached<Map<String, Long>> byStatus = new Cached<>(connections::countByStatus, clock);
        for (Connection.Status status : Connection.Status.values()) {
            Gauge.builder("keybridge.connections", () -> byStatus.get().getOrDefault(status.wire(), 0L))
                    .description("Connections by status, all organizations and environments")
                    .tag("status", status.wire()).register(registry);
        }
        Cached<Long> events = new Cached<>(queue::undispatchedEvents, clock);
        Cached<Long> deliveries = new Cached<>(queue::pendingDeliveries, clock);
        Gauge.builder("keybridge.webhook.queue", events::get).description("Events not yet fanned out to endpoints")
                .tag("stage", "events").register(registry);
        Gauge.builder("keybridge.webhook.queue", deliveries::get).description("Deliveries waiting to be sent or retried")
                .tag("stage", "deliveries").register(registry);
    }

    /** A value read again only when older than {@link #MAX_AGE}. */
    private static final class Cached<T> {

        private final Supplier<T> read;
        private final Clock clock;
        private @Nullable T value;
        private Instant readAt = Instant.MIN;

        Cached(Supplier<T> read, Clock clock) {
            this.read = read;
            this.clock = clock;
        }

        synchronized T get() {
            Instant now = clock.instant();
            if (value == null || readAt.plus(MAX_AGE).isBefore(now)) {
                value = read.get();
                readAt = now;
            }
            return value;
        }
    }
}
