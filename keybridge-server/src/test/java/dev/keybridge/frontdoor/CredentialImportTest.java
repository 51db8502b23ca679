package dev.keybridge.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.sandbox.SandboxOAuthProvider;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code PUT /api/v2/public/migrate-token}: checked imports of OAuth2 grants, keys and logins. */
class CredentialImportTest extends IntegrationTest {

    private static final String PATH = "/api/v2/public/migrate-token";

    @Autowired
    SandboxOAuthProvider sandboxOAuth;

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    private long connections() {
        return jdbc.sql("select count(*) from connection where org_id = ?").param(org.id()).query(Long.class).single();
    }

    private long created() {
        return jdbc.sql("select count(*) from event where org_id = ? and type = 'connection.created'").param(org.id())
                .query(Long.class).single();
    }

    @Test
    void doesImportAnOAuth2GrantAfterOneRefresh() {
        Map<String, Object> grant = sandboxOAuth.grantDirectly("profile contacts.read");
        Api.Response r = server.put(PATH, Map.of("linked_account_id", "mig-1", "slug", "sandbox-oauth",
                "auth_object", Map.of("access_token", grant.get("access_token"), "refresh_token", grant.get("refresh_token"),
                        "expires_in", 3600, "scopes", List.of("profile", "contacts.read"))));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("access_token").asString()).startsWith("at_test_");
        assertThat(body.at("/connection/app").asString()).isEqualTo("sandbox-oauth");
        assertThat(body.at("/connection/linked_account_id").asString()).isEqualTo("mig-1");
        assertThat(r.text()).doesNotContain(grant.get("refresh_token").toString());
        assertThat(created()).isEqualTo(1);
        Api.Response proxied = server.withHeader("access_token", body.get("access_token").asString())
                .get("/v1/proxy/me");
        assertThat(proxied.status()).as("the imported grant works through the proxy: " + proxied.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> audited("credential.import") == 1 && audited("proxy.call") == 1);
        String details = String.join("\n", jdbc.sql("select detail::text from audit_record where org_id = ?")
                .param(org.id()).query(String.class).list());
        assertThat(details).doesNotContain(grant.get("refresh_token").toString(), grant.get("access_token").toString());
    }

    private long audited(String action) {
        return jdbc.sql("select count(*) from audit_record where org_id = ? and action = ? and actor_type = 'api_key'")
                .params(org.id(), action).query(Long.class).single();
    }

    @Test
    void doesRefuseAGrantWhoseRefreshFailsAndStoreNothing() {
        Api.Response r = server.put(PATH, Map.of("linked_account_id", "mig-2", "slug", "sandbox-oauth",
                "auth_object", Map.of("access_token", "old", "refresh_token", "not-a-real-one")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).isEqualTo("invalid_grant");
        Api.Response unchecked = server.put(PATH, Map.of("linked_account_id", "mig-2", "slug", "sandbox-oauth",
                "auth_object", Map.of("access_token", "only-an-access-token")));
        assertThat(unchecked.status()).isEqualTo(400);
        assertThat(unchecked.json().get("error").asString()).isEqualTo("cannot_verify");
        assertThat(connections()).isZero();
        assertThat(created()).isZero();
    }

    @Test
    void doesImportKeysAndLoginsOnlyWhenTheyWork() {
        assertThat(server.put(PATH, Map.of("linked_account_id", "mig-3", "slug", "sandbox-keys",
                "auth_object", Map.of("api_key", "key_bad"))).status()).isEqualTo(400);
        assertThat(server.put(PATH, Map.of("linked_account_id", "mig-3", "slug", "sandbox-ehr",
                "auth_object", Map.of("username", "user_good", "password", "wrong"))).status()).isEqualTo(400);
        assertThat(connections()).isZero();

        Api.Response key = server.put(PATH, Map.of("linked_account_id", "mig-3", "slug", "sandbox-keys",
                "auth_object", Map.of("api_key", "key_good")));
        assertThat(key.status()).as(key.text()).isEqualTo(200);
        Api.Response login = server.put(PATH, Map.of("linked_account_id", "mig-3", "slug", "sandbox-ehr",
                "auth_object", Map.of("username", "user_good", "password", "pass_good")));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        assertThat(server.withHeader("linked_account_id", "mig-3").get("/api/v2/public/application/sandbox-ehr").json()
                .get("connected").asBoolean()).isTrue();
        assertThat(created()).isEqualTo(2);

        assertThat(server.put(PATH, Map.of("linked_account_id", "mig-3", "slug", "sandbox-keys",
                "auth_object", Map.of("api_key", "key_good"))).status()).as("already connected").isEqualTo(409);
    }

    @Test
    void doesRefuseMalformedImportsAndOtherEnvironments() {
        assertThat(server.put(PATH, Map.of("linked_account_id", "mig-4", "slug", "sandbox-keys")).status()).isEqualTo(400);
        assertThat(server.put(PATH, Map.of("linked_account_id", "mig-4", "slug", "sandbox-keys", "auth_object", "k"))
                .status()).isEqualTo(400);
        assertThat(server.put(PATH, Map.of("linked_account_id", "mig-4", "slug", "sandbox-keys",
                "auth_object", Map.of("api_key", "key_good", "extra", "x"))).status()).isEqualTo(400);
        assertThat(server.put(PATH, Map.of("linked_account_id", "mig-4", "slug", "sandbox-keys", "auth_object",
                Map.of("api_key", "key_good"), "more", 1)).status()).isEqualTo(400);
        assertThat(server.withHeader("linked_account_id", "other").put(PATH, Map.of("linked_account_id", "mig-4",
                "slug", "sandbox-keys", "auth_object", Map.of("api_key", "key_good"))).status()).isEqualTo(400);
        assertThat(org.production().withKey(api).put(PATH, Map.of("linked_account_id", "mig-4", "slug", "sandbox-keys",
                "auth_object", Map.of("api_key", "key_good"))).status()).isEqualTo(404);
        assertThat(api.put(PATH, Map.of()).status()).isEqualTo(401);
        assertThat(connections()).isZero();
    }

    @Test
    void doesKeepAnImportInsideItsOrganizationAndEnvironment() {
        assertThat(server.put(PATH, Map.of("linked_account_id", "mig-5", "slug", "sandbox-keys",
                "auth_object", Map.of("api_key", "key_good"))).status()).isEqualTo(200);

        Api other = newOrganization().test().withKey(api);
        other.put("/api/v2/public/linked-account", Map.of("linked_account_id", "mig-5"));
        assertThat(other.withHeader("linked_account_id", "mig-5").get("/api/v2/public/application/sandbox-keys").json()
                .get("connected").asBoolean()).isFalse();
        assertThat(org.production().withKey(api).get("/api/v2/public/linked-account/mig-5").status()).isEqualTo(404);
        assertThat(server.withHeader("linked_account_id", "mig-5").get("/api/v2/public/application/sandbox-keys").json()
                .get("connected").asBoolean()).isTrue();
    }

    @Test
    void doesReplayAnImportWithTheSameIdempotencyKeyInsteadOfConflicting() {
        Api keyed = server.withHeader("Idempotency-Key", "import-mig-9");
        Map<String, Object> body = Map.of("linked_account_id", "mig-9", "slug", "sandbox-keys",
                "auth_object", Map.of("api_key", "key_good"));

        Api.Response first = keyed.put(PATH, body);
        Api.Response again = keyed.put(PATH, body);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(server.put(PATH, body).status()).as("without the key it is a second import").isEqualTo(409);
    }
}
