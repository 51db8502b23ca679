package dev.keybridge.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.keybridge.config.KeybridgeSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource: PostgreSQL at {@code KEYBRIDGE_DATABASE_URL}, or else an embedded PostgreSQL
 * whose data lives in {@code <data dir>/postgres} and survives restarts (see {@code dev.keybridge.database}).
 * Work reaches the pool through {@link DatabaseGate}: while every connection is busy it waits its turn
 * (at most {@code KEYBRIDGE_DATABASE_QUEUE_WAIT}, then {@code 503 overloaded}); a free connection that
 * does not come within {@code KEYBRIDGE_DATABASE_CONNECTION_TIMEOUT} means the database is unreachable
 * ({@code 503 database_unavailable}), so an outage fails requests fast instead of hanging them.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(KeybridgeSettings settings) {
        if (settings.database().isExternal()) {
            return EmbeddedDatabase.none();
        }
        return EarlyStart.take(settings.dataDir());
    }

    @Bean(destroyMethod = "close")
    DatabaseGate dataSource(KeybridgeSettings settings, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        KeybridgeSettings.Database db = settings.database();
        if (db.isExternal()) {
            config.setJdbcUrl(db.url());
            if (db.user() != null && !db.user().isBlank()) {
                config.setUsername(db.user());
            }
            if (db.password() != null && !db.password().isBlank()) {
                config.setPassword(db.password());
            }
        } else {
            EmbeddedServer server = embedded.server();
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(server.appUser());
            config.setPassword(server.appPassword());
        }
        config.setPoolName("keybridge");
        config.setMaximumPoolSize(db.poolSize());
        config.setConnectionTimeout(db.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(1000, Math.max(250, db.connectionTimeout().toMillis() / 2)));
        config.setAutoCommit(true);
        return new DatabaseGate(new HikariDataSource(config), db.poolSize(), db.queueWait());
    }

    /** The queue in front of the pool: HikariCP's own pending count stays near 0 now that work waits here. */
    @Bean
    MeterBinder databaseGateMetrics(DatabaseGate gate) {
        return registry -> {
            Gauge.builder("keybridge.database.waiting", gate, DatabaseGate::waiting)
                    .description("Work waiting its turn for a database connection while every one is busy").register(registry);
            FunctionCounter.builder("keybridge.database.overloaded", gate, DatabaseGate::overloaded)
                    .description("Waits for a database connection that ran out (answered 503 overloaded)").register(registry);
        };
    }
}
