package dev.keybridge.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PostgreSQL versions Keybridge runs on: {@value #OLDEST} to {@value #NEWEST} (the majors the
 * PostgreSQL project still supports; the embedded default is {@link EmbeddedBinaries#CURRENT_MAJOR}).
 * Checked before the first migration: an older server is refused with a message saying what to do; a
 * newer one starts with a warning, since it was not tested.
 */
@Configuration(proxyBeanMethods = false)
public class SupportedPostgres {

    static final int OLDEST = 15;
    static final int NEWEST = 18;
    private static final Logger log = LoggerFactory.getLogger(SupportedPostgres.class);

    /** The embedded server is the version this build ships: only an external one is checked. */
    @Bean
    FlywayMigrationStrategy checkVersionThenMigrate(EmbeddedDatabase embedded) {
        return flyway -> {
            if (!embedded.isPresent()) {
                check(flyway.getConfiguration().getDataSource());
            }
            flyway.migrate();
        };
    }

    /** Refuses a server older than {@value #OLDEST}; warns about one newer than {@value #NEWEST}. */
    static void check(DataSource dataSource) {
        int versionNum;
        try (Connection c = dataSource.getConnection()) {
            versionNum = c.getMetaData().getDatabaseMajorVersion() * 10_000;
            try (var s = c.createStatement(); var r = s.executeQuery("show server_version_num")) {
                if (r.next()) {
                    versionNum = Integer.parseInt(r.getString(1).trim());
                }
            }
        } catch (SQLException e) {
            return;    // unreachable database: the migration reports it in its own words
        }
        int major = versionNum / 10_000;
        if (major < OLDEST) {
            throw new IllegalStateException("PostgreSQL " + major + " is not supported: Keybridge runs on PostgreSQL "
                    + OLDEST + " to " + NEWEST + ". Upgrade the server named by KEYBRIDGE_DATABASE_URL (PostgreSQL "
                    + major + " no longer gets security fixes), or leave KEYBRIDGE_DATABASE_URL unset to use the embedded"
                    + " PostgreSQL " + EmbeddedBinaries.CURRENT_MAJOR + ".");
        }
        if (major > NEWEST) {
            log.warn("PostgreSQL {} is newer than the newest major Keybridge was tested with ({}); starting anyway", major, NEWEST);
        }
    }
}
