package dev.keybridge.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Session tokens: revoking one or all, deleted linked accounts, and tokens limited to some apps. */
class SessionRevocationTest extends IntegrationTest {

    private static final String REVOKE = "/api/v2/public/session-token/revoke";

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    private int basics(String token) {
        return Sessions.browser(api, token).get("/api/v3/org/basics").status();
    }

    @Test
    void doesStopOneTokenWhenItIsRevoked() {
        String first = Sessions.token(server, "rev-1");
        String second = Sessions.token(server, "rev-1");

        Api.Response r = server.post(REVOKE, Map.of("token", first));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Api.Response refused = Sessions.browser(api, first).get("/api/v3/org/basics");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asString()).isEqualTo("session_token_revoked");
        assertThat(basics(second)).as("the other token stands").isEqualTo(200);
    }

    @Test
    void doesStopEveryTokenOfTheAccountWhenAllAreRevoked() {
        String first = Sessions.token(server, "rev-2");
        String second = Sessions.token(server, "rev-2");
        String otherAccount = Sessions.token(server, "rev-3");

        assertThat(server.post(REVOKE, Map.of("linked_account_id", "rev-2")).status()).isEqualTo(200);

        assertThat(basics(first)).isEqualTo(401);
        assertThat(basics(second)).isEqualTo(401);
        assertThat(basics(otherAccount)).isEqualTo(200);
        assertThat(basics(Sessions.token(server, "rev-2"))).as("a token issued afterwards works").isEqualTo(200);
    }

    @Test
    void doesStopTheTokensOfADeletedLinkedAccountEvenWhenTheIdIsReused() {
        String token = Sessions.token(server, "rev-4");
        assertThat(server.delete("/api/v2/public/linked-account/rev-4").json().get("message").asString())
                .isEqualTo("User deleted successfully");

        assertThat(basics(token)).isEqualTo(401);
        Sessions.token(server, "rev-4"); // the same linked_account_id, a new account
        assertThat(basics(token)).as("the old token belonged to the deleted account").isEqualTo(401);
    }

    @Test
    void doesRevokeOnlyTokensOfTheCallersOwnOrganizationAndEnvironment() {
        String token = Sessions.token(server, "rev-5");
        Api otherOrg = newOrganization().test().withKey(api);
        Api production = org.production().withKey(api);

        assertThat(otherOrg.post(REVOKE, Map.of("token", token)).status()).isEqualTo(404);
        assertThat(production.post(REVOKE, Map.of("token", token)).status()).isEqualTo(404);
        assertThat(otherOrg.post(REVOKE, Map.of("linked_account_id", "rev-5")).status()).isEqualTo(404);
        assertThat(basics(token)).isEqualTo(200);

        assertThat(server.post(REVOKE, Map.of()).status()).isEqualTo(400);
        assertThat(server.post(REVOKE, Map.of("token", token, "linked_account_id", "rev-5")).status()).isEqualTo(400);
        assertThat(server.post(REVOKE, Map.of("token", "garbage")).status()).isEqualTo(404);
        assertThat(Sessions.browser(api, token).post(REVOKE, Map.of("token", token)).status())
                .as("a session token cannot call server endpoints").isEqualTo(403);
        assertThat(basics(token)).isEqualTo(200);
    }

    @Test
    void doesLimitAScopedTokenToItsApps() {
        String token = Sessions.token(server, "scoped", List.of("sandbox-keys"));
        Api browser = Sessions.browser(api, token);

        JsonNode apps = browser.get("/api/v2/f-sdk/application").json();
        List<String> slugs = new ArrayList<>();
        apps.forEach(a -> slugs.add(a.get("slug").asString()));
        assertThat(slugs).containsExactly("sandbox-keys");
        assertThat(browser.get("/api/v2/f-sdk/application/sandbox-keys").status()).isEqualTo(200);
        Api.Response other = browser.get("/api/v2/f-sdk/application/sandbox-ehr");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("error").asString()).isEqualTo("app_not_in_token_scope");
        assertThat(browser.post("/api/v2/f-sdk/config", Map.of("slug", "sandbox-ehr")).status()).isEqualTo(403);
        assertThat(browser.get("/api/v2/f-sdk/slug/sandbox-ehr/config").status()).isEqualTo(403);
        assertThat(browser.post("/api/v2/app/sandbox-ehr/save", Map.of("username", "x")).status()).isEqualTo(403);
        assertThat(browser.get("/api/v1/sandbox-ehr/integrate").status()).isEqualTo(403);
    }

    @Test
    void doesRefuseScopesNamingAppsThatAreNotEnabled() {
        Sessions.token(server, "scoped-2");
        Api.Response r = server.post("/api/v2/public/session-token", Map.of("linked_account_id", "scoped-2",
                "apps", List.of("sandbox-keys", "google")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asString()).contains("google");
        assertThat(server.post("/api/v2/public/session-token", Map.of("linked_account_id", "scoped-2",
                "apps", List.of())).status()).isEqualTo(400);
        assertThat(server.post("/api/v2/public/session-token", Map.of("linked_account_id", "scoped-2",
                "apps", "sandbox-keys")).status()).isEqualTo(400);
    }
}
