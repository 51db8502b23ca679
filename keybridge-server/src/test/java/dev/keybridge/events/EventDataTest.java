package dev.keybridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The event payloads ({@link EventData} records) keep the members the maps they replaced wrote, null
 * ones included: webhook consumers see the same {@code data}.
 */
class EventDataTest extends IntegrationTest {

    @Test
    void doesWriteTheSameMembersForEachEventTypeWhenTheRecordsAreUsed() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        server.put("/api/v2/public/linked-account", Map.of("linked_account_id", "ev-1", "name", "Ev"));
        String publicToken = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "ev-1", "app", "sandbox-keys")).json().get("public_token").asString();
        String accessToken = LinkTokens.exchange(server, publicToken);
        assertThat(server.post("/sandbox/connection/reset_login", Map.of("access_token", accessToken)).status())
                .isEqualTo(200);
        assertThat(server.withHeader("access_token", accessToken).delete("/v1/connection").status()).isEqualTo(200);
        assertThat(server.delete("/api/v2/public/linked-account/ev-1").status()).isEqualTo(200);

        assertThat(members(org, "linked_account.created")).containsExactlyInAnyOrder("_id", "associated_org",
                "account_id", "environment", "name", "udf", "createdAt", "updatedAt", "__v");
        assertThat(members(org, "connection.created")).containsExactlyInAnyOrder("connection_id", "linked_account_id",
                "app", "status", "org_id", "created_at");
        List<String> health = List.of("connection_id", "linked_account_id", "app", "status", "status_reason", "org_id", "at");
        assertThat(members(org, "access_token.login_required")).containsExactlyInAnyOrderElementsOf(health);
        assertThat(members(org, "connection.deleted")).containsExactlyInAnyOrderElementsOf(health);
        assertThat(data(org, "connection.created").get("org_id").isNull()).isTrue();
        assertThat(members(org, "linked_account.deleted")).containsExactlyInAnyOrder("_id", "account_id");
    }

    private List<String> members(TestOrganization org, String type) {
        return List.copyOf(data(org, type).propertyNames());
    }

    private JsonNode data(TestOrganization org, String type) {
        String text = jdbc.sql("select data::text from event where org_id = ? and type = ? order by created_at limit 1")
                .params(org.id(), type).query(String.class).single();
        return Api.JSON.readTree(text);
    }
}
