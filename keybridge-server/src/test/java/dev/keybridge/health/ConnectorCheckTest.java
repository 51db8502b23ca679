package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream auth failure on a connection that cannot refresh: the app's connector checks the stored
 * credential (for a key-based app, its verification call) before the connection is failed.
 */
class ConnectorCheckTest extends HealthIntegrationTest {

    private Api server;
    private TestOrganization org;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    private String linkSandboxKeys() {
        Api.Response created = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "check-1", "app", "sandbox-keys"));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return LinkTokens.exchange(server, created.json().get("public_token").asString());
    }

    private String status(String accessToken) {
        return server.withHeader("access_token", accessToken).get("/v1/connection").json().get("status").asString();
    }

    @Test
    void doesPassARefusalThroughAndStayActiveWhenTheStoredKeyStillChecksOut() {
        String accessToken = linkSandboxKeys();

        Api.Response refused = proxy(server, accessToken, "GET", "admin", null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("insufficient_permissions");
        assertThat(status(accessToken)).isEqualTo("active");
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);
    }

    @Test
    void doesRequireLoginWhenTheStoredKeyNoLongerChecksOut() {
        String accessToken = linkSandboxKeys();
        String id = jdbc.sql("select id from connection where org_id = ?").param(org.id()).query(String.class).single();
        tx.executeWithoutResult(s -> {
            var c = connections.find(org.id(), Environment.TEST, id).orElseThrow();
            connections.replaceCredentials(c, c.credentialVersion(), Map.of("api_key", "key_revoked"), null);
        });

        Api.Response refused = proxy(server, accessToken, "GET", "admin", null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("login_required");
        assertThat(refused.json().get("status_reason").asString()).isEqualTo("invalid_credentials");
        assertThat(status(accessToken)).isEqualTo("login_required");
    }
}
