package dev.keybridge.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code database} health indicator, part of {@code /actuator/health/readiness}: DOWN while the
 * database cannot be reached (within the connection timeout), while it refuses writes (a full disk, a
 * read-only switch: a one-row update of {@code database_heartbeat}, tried at most every
 * {@link #WRITE_PROBE_EVERY} of the clock, its outcome kept in between) or while its schema is behind
 * the newest migration this build carries (a restored older backup, a migration still to run). It
 * looks at the database on every call, so readiness comes back by itself when the database does. A
 * node whose connections are all busy stays ready: it is overloaded, not broken, and taking it out of
 * rotation would only pile its load onto the others.
 */
@Component("databaseHealthIndicator")
class DatabaseReadiness implements HealthIndicator {

    static final Duration WRITE_PROBE_EVERY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(DatabaseReadiness.class);
    private static final Pattern MIGRATION = Pattern.compile("^V([0-9._]+)__.*\\.sql$");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String latest;
    private Instant probed;
    private boolean writable = true;

    DatabaseReadiness(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
            if (!writable()) {
                return Health.down().withDetail("reason", "database refuses writes").build();
            }
            return Health.up().build();
        } catch (RuntimeException e) {
            if (DatabaseOutage.isOverload(e)) {
                return Health.up().withDetail("reason", "busy").build();
            }
            return Health.down().withDetail("reason", "database unreachable").build();
        }
    }

    /** Whether the last write probe succeeded, probing again when it is older than {@link #WRITE_PROBE_EVERY}. */
    private synchronized boolean writable() {
        Instant now = clock.instant();
        if (probed != null && now.isBefore(probed.plus(WRITE_PROBE_EVERY)) && !now.isBefore(probed)) {
            return writable;
        }
        try {
            jdbc.sql("update database_heartbeat set beat_at = ? where id = 1").param(Timestamp.from(now)).update();
            writable = true;
        } catch (RuntimeException e) {
            if (DatabaseOutage.isOverload(e)) {
                throw e;        // not an answer about writes: health() says so, and the next call probes again
            }
            if (writable) {
                log.warn("The database refuses writes (readiness DOWN until a write works): {}", e.getMessage());
            }
            writable = false;
        }
        probed = now;
        return writable;
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
