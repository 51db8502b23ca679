package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlatformEndpointsTest extends IntegrationTest {

    @Test
    void doesServeHealthForLoadBalancersWithoutCredentials() {
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void doesDescribeTheApiInOpenApi() {
        Api.Response r = api.openApiDocument();

        assertThat(r.status()).isEqualTo(200);
        JsonNode paths = r.json().get("paths");
        assertThat(paths.has("/api/v2/public/linked-account")).isTrue();
        assertThat(paths.has("/api/v2/public/linked-account/{linkedAccountId}")).isTrue();
        assertThat(paths.has("/api/v2/public/session-token")).isTrue();
        assertThat(paths.has("/api/v3/org/basics")).isTrue();
    }

    @Test
    void doesRequireTheAdminTokenForAdminEndpoints() {
        assertThat(api.get("/admin/v1/organizations").status()).isEqualTo(401);
    }
}
