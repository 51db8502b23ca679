package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ExpiredLinkCleanupTest extends IntegrationTest {

    @Autowired
    ExpiredLinkCleanup cleanup;

    @Test
    void doesDeleteLinkSessionsAndPublicTokensOnlyAfterTheirRetention() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        LinkTokens.forUser("old").create(server);
        LinkTokens.forUser("new").create(server);
        server.post("/sandbox/public_token/create", Map.of("linked_account_id", "old", "app", "sandbox-keys"));
        server.post("/sandbox/public_token/create", Map.of("linked_account_id", "new", "app", "sandbox-keys"));
        jdbc.sql("""
                update link_session set expires_at = ?
                where linked_account_id = (select id from linked_account where org_id = ? and external_id = 'old')""")
                .params(Timestamp.from(clock.instant().minus(Duration.ofHours(2))), org.id()).update();
        jdbc.sql("""
                update public_token set expires_at = ? where connection_id in (
                  select c.id from connection c join linked_account a on a.id = c.linked_account_id
                  where a.org_id = ? and a.external_id = 'old')""")
                .params(Timestamp.from(clock.instant().minus(Duration.ofHours(2))), org.id()).update();
        jdbc.sql("""
                update public_token set expires_at = ? where connection_id in (
                  select c.id from connection c join linked_account a on a.id = c.linked_account_id
                  where a.org_id = ? and a.external_id = 'new')""")
                .params(Timestamp.from(clock.instant().minus(Duration.ofMinutes(10))), org.id()).update();

        cleanup.deleteExpired();

        assertThat(sessions(org, "old")).isZero();
        assertThat(sessions(org, "new")).isEqualTo(1);
        assertThat(publicTokens(org, "old")).isZero();
        assertThat(publicTokens(org, "new")).as("expired, but still within the retention").isEqualTo(1);
    }

    private long sessions(TestOrganization org, String externalId) {
        return jdbc.sql("""
                select count(*) from link_session s join linked_account a on a.id = s.linked_account_id
                where a.org_id = ? and a.external_id = ?""")
                .params(org.id(), externalId).query(Long.class).single();
    }

    private long publicTokens(TestOrganization org, String externalId) {
        return jdbc.sql("""
                select count(*) from public_token p join connection c on c.id = p.connection_id
                join linked_account a on a.id = c.linked_account_id where a.org_id = ? and a.external_id = ?""")
                .params(org.id(), externalId).query(Long.class).single();
    }
}
