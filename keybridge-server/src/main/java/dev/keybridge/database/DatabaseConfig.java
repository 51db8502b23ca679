package dev.keybridge.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.keybridge.config.KeybridgeSettings;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource: PostgreSQL at {@code KEYBRIDGE_DATABASE_URL}, or else an embedded PostgreSQL
 * whose data lives in {@code <data dir>/postgres} and survives restarts (see {@code dev.keybridge.database}).
 * A request waits at most {@code KEYBRIDGE_DATABASE_CONNECTION_TIMEOUT} for a connection, so an
 * unreachable database fails requests fast (503) instead of hanging them.
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
    DataSource dataSource(KeybridgeSettings settings, EmbeddedDatabase embedded) {
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
        return new HikariDataSource(config);
    }
}
