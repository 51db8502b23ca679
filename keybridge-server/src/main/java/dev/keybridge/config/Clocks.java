package dev.keybridge.config;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link Clock} every class that reads time takes (UTC, millisecond ticks, as the wire
 * formats show). Tests replace it to move time without sleeping. The rule for SQL: statements never
 * call {@code now()}; they take the clock's time as a parameter, so a moved clock moves the database's
 * idea of "now" too (expiry, leases, backoff).
 */
@Configuration(proxyBeanMethods = false)
class Clocks {

    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
