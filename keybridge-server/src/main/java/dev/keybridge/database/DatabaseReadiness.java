package dev.keybridge.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code database} health indicator, part of {@code /actuator/health/readiness}: DOWN while the
 * database cannot be reached (within the connection timeout) or while its schema is behind the
 * newest migration this build carries (a restored older backup, a migration still to run). It looks
 * at the database on every call, so readiness comes back by itself when the database does.
 */
@Component("databaseHealthIndicator")
class DatabaseReadiness implements HealthIndicator {

    private static final Pattern MIGRATION = Pattern.compile("^V([0-9._]+)__.*\\.sql$");

    private final JdbcClient jdbc;
    private final String latest;

    DatabaseReadiness(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.latest = latestMigration();
    }

    @Override
    public Health health() {
        try {
            Long applied = jdbc.sql("select count(*) from flyway_schema_history where success and version = ?")
                    .param(latest).query(Long.class).single();
            if (applied == null || applied == 0) {
                return Health.outOfService().withDetail("reason", "migrations pending").build();
            }
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("reason", "database unreachable").build();
        }
    }

    /** The version of the newest {@code V<n>__*.sql} in {@code db/migration}. */
    static String latestMigration() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql");
            return Arrays.stream(files)
                    .map(Resource::getFilename)
                    .filter(Objects::nonNull)
                    .map(MIGRATION::matcher)
                    .filter(Matcher::matches)
                    .map(m -> MigrationVersion.fromVersion(m.group(1)))
                    .max(Comparator.naturalOrder())
                    .map(MigrationVersion::getVersion)
                    .orElseThrow(() -> new IllegalStateException("no migrations found in db/migration"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
