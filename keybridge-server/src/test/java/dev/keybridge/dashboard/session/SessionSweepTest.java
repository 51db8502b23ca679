package dev.keybridge.dashboard.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.IntegrationTest;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Ids;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sweep deletes sessions (and their attributes) whose expiry has passed by the server's clock, and no other. */
class SessionSweepTest extends IntegrationTest {

    @Autowired
    private SessionStore store;

    @Autowired
    private SessionSweep sweep;

    @Test
    void doesDeleteOnlyExpiredSessionsWhenTheClockHasPassedTheirExpiry() {
        Instant now = clock.instant();
        String ending = "ses_" + Ids.objectId();
        String lasting = "ses_" + Ids.objectId();
        store.create(ending, Secrets.hash(Ids.random(43)), now, now.plus(Duration.ofMinutes(30)));
        store.create(lasting, Secrets.hash(Ids.random(43)), now, now.plus(Duration.ofHours(3)));
        store.put(ending, "kb.test", "value");
        try {
            sweep.sweepOnce();
            assertThat(exists(ending)).as("not expired yet").isTrue();

            clock.advance(Duration.ofMinutes(31));
            while (sweep.sweepOnce() >= SessionSweep.BATCH) {
                // other tests' leftovers: keep sweeping until a batch comes back short
            }

            assertThat(exists(ending)).isFalse();
            assertThat(jdbc.sql("select count(*) from dashboard_session_attribute where session_id = ?").param(ending)
                    .query(Long.class).single()).isZero();
            assertThat(exists(lasting)).isTrue();
        } finally {
            clock.reset();
            store.delete(lasting);
        }
    }

    private boolean exists(String id) {
        return jdbc.sql("select exists (select 1 from dashboard_session where id = ?)").param(id).query(Boolean.class).single();
    }
}
