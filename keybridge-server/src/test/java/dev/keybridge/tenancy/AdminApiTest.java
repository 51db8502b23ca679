package dev.keybridge.tenancy;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminApiTest extends IntegrationTest {

    @Test
    void doesCreateAnOrganizationWithWorkingCredentialsForBothEnvironments() {
        Api.Response r = admin.post("/admin/v1/organizations", Map.of("name", "Acme"));

        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.at("/organization/name").asString()).isEqualTo("Acme");
        assertThat(body.at("/credentials/test/0/api_key").asString()).startsWith("kb_test_");
        assertThat(body.at("/credentials/test/1/client_id").asString()).startsWith("ci_test_");
        assertThat(body.at("/credentials/test/1/client_secret").asString()).startsWith("cs_test_");
        assertThat(body.at("/credentials/production/0/api_key").asString()).startsWith("kb_live_");
        assertThat(body.at("/credentials/production/1/client_secret").asString()).startsWith("cs_live_");
        Api live = api.withHeader("x-api-key", body.at("/credentials/production/0/api_key").asString());
        assertThat(live.put("/api/v2/public/linked-account", account("a").body()).json().get("environment").asString())
                .isEqualTo("production");
    }

    @Test
    void doesIssueAndListNewCredentials() {
        TestOrganization org = newOrganization();
        Api.Response issued = admin.post("/admin/v1/organizations/" + org.id() + "/credentials",
                Map.of("environment", "production", "kind", "api_key", "name", "ci"));

        assertThat(issued.status()).isEqualTo(201);
        String key = issued.json().get("api_key").asString();
        assertThat(key).startsWith("kb_live_");
        assertThat(api.withHeader("x-api-key", key).get("/api/v2/public/linked-account").status()).isEqualTo(200);
        JsonNode list = admin.get("/admin/v1/organizations/" + org.id() + "/credentials").json();
        assertThat(list.get("docs")).hasSize(5);
        assertThat(list.toString()).doesNotContain(key);
    }

    @Test
    void doesRefuseBadAdminRequests() {
        assertThat(api.get("/admin/v1/organizations").status()).isEqualTo(401);
        assertThat(api.withHeader("authorization", "Bearer wrong").get("/admin/v1/organizations").status()).isEqualTo(401);
        TestOrganization org = newOrganization();
        assertThat(org.test().withKey(api).get("/admin/v1/organizations").status()).isEqualTo(403);
        assertThat(admin.post("/admin/v1/organizations", Map.of()).status()).isEqualTo(400);
        assertThat(admin.post("/admin/v1/organizations/" + org.id() + "/credentials",
                Map.of("environment", "staging", "kind", "api_key")).status()).isEqualTo(400);
        assertThat(admin.post("/admin/v1/organizations/nope/credentials",
                Map.of("environment", "test", "kind", "api_key")).status()).isEqualTo(404);
        assertThat(admin.delete("/admin/v1/organizations/" + org.id() + "/credentials/cred_nope").status()).isEqualTo(404);
    }

    @Test
    void doesListOrganizationsByCursor() {
        for (int i = 0; i < 3; i++) {
            newOrganization();
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = admin.get("/admin/v1/organizations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("docs").forEach(o -> assertThat(seen.add(o.get("_id").asString())).isTrue());
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(seen.size()).isGreaterThanOrEqualTo(4);
    }
}
