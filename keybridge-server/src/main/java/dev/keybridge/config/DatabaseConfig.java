package dev.keybridge.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource: PostgreSQL at {@code KEYBRIDGE_DATABASE_URL}, or else an embedded PostgreSQL
 * whose data lives in {@code <data dir>/postgres} and survives restarts.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    /** Holds the embedded server, if one was started; closing it stops PostgreSQL cleanly. */
    public record EmbeddedDatabase(EmbeddedPostgres postgres) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(KeybridgeSettings settings) {
        if (settings.database().isExternal()) {
            return new EmbeddedDatabase(null);
        }
        Path dir = settings.dataDir().toAbsolutePath().normalize().resolve("postgres");
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .start();
            log.info("Embedded PostgreSQL started, data in {}", dir);
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dir, e);
        }
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
            config.setJdbcUrl(embedded.postgres().getJdbcUrl("postgres", "postgres"));
        }
        config.setPoolName("keybridge");
        config.setMaximumPoolSize(db.poolSize());
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }
}
