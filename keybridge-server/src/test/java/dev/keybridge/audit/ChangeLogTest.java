package dev.keybridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 4: every change a caller makes is in the audit log with its actor (the API credential),
 * method, route and status, and never its body; refused changes and reads are not changes.
 */
class ChangeLogTest extends IntegrationTest {

    @Test
    void doesRecordEverySuccessfulChangeWithItsActorAndNoBody() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        String secretish = "https://hooks.example.com/kb?token=should-not-be-kept";

        Api.Response made = server.post("/api/v2/public/webhook", Map.of("webhook_url", secretish,
                "webhook_events", List.of("connection.created")));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        assertThat(server.put("/api/v2/public/connections/settings", Map.of("expiry_warning_lead_days", 9)).status())
                .isEqualTo(200);
        assertThat(server.put("/api/v2/public/connections/settings", Map.of("expiry_warning_lead_days", 0)).status())
                .as("refused: no change").isEqualTo(400);
        assertThat(server.get("/api/v2/public/connections/settings").status()).as("a read").isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> changes(org).size() == 2);
        List<Map<String, Object>> rows = changes(org);
        assertThat(rows).extracting(r -> r.get("route")).containsExactly("/api/v2/public/webhook",
                "/api/v2/public/connections/settings");
        assertThat(rows).extracting(r -> r.get("method")).containsExactly("POST", "PUT");
        assertThat(rows).extracting(r -> r.get("actor_type")).containsOnly("api_key");
        assertThat(rows).extracting(r -> r.get("actor_id")).doesNotContainNull();
        assertThat(jdbc.sql("select string_agg(detail::text, ' ') from audit_record where org_id = ?").param(org.id())
                .query(String.class).single()).doesNotContain("should-not-be-kept").doesNotContain(org.test().apiKey());
    }

    private List<Map<String, Object>> changes(TestOrganization org) {
        return jdbc.sql("select actor_type, actor_id, detail->>'method' as method, detail->>'route' as route "
                        + "from audit_record where org_id = ? and action = 'change.applied' order by seq")
                .param(org.id()).query().listOfRows();
    }
}
