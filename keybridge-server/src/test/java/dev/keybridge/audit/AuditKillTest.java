package dev.keybridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.NodeProcess;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/audit.md's loss bound, with a real {@code kill -9}: a node proxies calls one after another and is killed
 * mid-stream; every call answered more than one flush interval (plus one write) before the kill is in the audit
 * log, in order, on a database of the test's own.
 */
class AuditKillTest {

    /** The flush interval (the default) plus the time one write may take. */
    private static final Duration BOUND = Duration.ofMillis(1000 + 250);

    @Test
    void doesKeepEveryRecordOlderThanOneFlushIntervalWhenTheNodeIsKilled() throws Exception {
        String databaseUrl = TestDatabase.get().createDatabase();
        Path dataDir = Files.createTempDirectory("keybridge-audit-kill-");
        TestOrganization org;
        List<Long> answeredAt = new ArrayList<>();
        long killedAt;
        try (NodeProcess node = NodeProcess.start("audit-kill-node", databaseUrl, dataDir,
                Map.of("keybridge.audit.flush-interval", "1s"))) {
            org = node.newOrganization();
            Api server = org.test().withKey(node.api());
            Api.Response pt = server.post("/sandbox/public_token/create",
                    Map.of("linked_account_id", "audit-kill", "app", "sandbox-keys"));
            assertThat(pt.status()).as(pt.text()).isEqualTo(200);
            Api proxied = server.withHeader("access_token", LinkTokens.exchange(server, pt.json().get("public_token").asString()));
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofSeconds(4).toNanos()) {
                assertThat(proxied.get("/v1/proxy/me").status()).isEqualTo(200);
                answeredAt.add(System.nanoTime());
            }
            killedAt = System.nanoTime();
            node.kill();
        }
        long mustHave = answeredAt.stream().filter(t -> killedAt - t > BOUND.toNanos()).count();
        long kept = count(databaseUrl, org.id());

        assertThat(mustHave).as("calls answered well before the kill").isGreaterThan(10);
        assertThat(kept).as("%d calls in all, %d of them more than %s before the kill", answeredAt.size(), mustHave, BOUND)
                .isBetween(mustHave, (long) answeredAt.size());
    }

    private static long count(String url, String orgId) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from audit_record where org_id = ? and action = 'proxy.call'")) {
            s.setString(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
