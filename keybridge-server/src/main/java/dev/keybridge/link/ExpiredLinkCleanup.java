package dev.keybridge.link;

import dev.keybridge.background.ReadyLoop;
import dev.keybridge.config.KeybridgeSettings;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes Link sessions and public tokens some time after they expired, so sealed secrets (connector
 * state, access tokens waiting for their exchange) do not stay in the database. Batches taken with
 * {@code SKIP LOCKED}: any number of nodes may run it at once.
 */
@Component
class ExpiredLinkCleanup extends ReadyLoop {

    static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final KeybridgeSettings.Link settings;
    private final Clock clock;

    ExpiredLinkCleanup(JdbcClient jdbc, KeybridgeSettings settings, Clock clock) {
        this.clock = clock;
        super("link-cleanup", settings.link().cleanupInterval());
        this.jdbc = jdbc;
        this.settings = settings.link();
    }

    /** Deletes one batch of each; true while either table had a full batch. */
    @Override
    protected boolean pass() {
        return deleteExpired() >= BATCH;
    }

    /** One batch of each table; returns the larger count. */
    int deleteExpired() {
        Timestamp before = Timestamp.from(clock.instant().minus(settings.expiredRetention()));
        int sessions = jdbc.sql("""
                delete from link_session where id in (
                    select id from link_session where expires_at < ?
                    limit ? for update skip locked)""")
                .params(before, BATCH).update();
        int tokens = jdbc.sql("""
                delete from public_token where token_hash in (
                    select token_hash from public_token where expires_at < ?
                    limit ? for update skip locked)""")
                .params(before, BATCH).update();
        return Math.max(sessions, tokens);
    }

}
