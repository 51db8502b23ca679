package dev.keybridge.auth;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuthenticationTest extends IntegrationTest {

    private static final String PATH = "/api/v2/public/linked-account";

    private TestOrganization org;

    @BeforeEach
    void organization() {
        org = newOrganization();
    }

    @Test
    void doesAnswer401WhenNoCredentialIsSent() {
        Api.Response r = api.get(PATH);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error_type").asString()).isEqualTo("authentication");
        assertThat(r.json().get("message").asString()).contains("x-api-key");
    }

    @Test
    void doesAnswer401WhenTheApiKeyIsUnknown() {
        Api.Response r = api.withHeader("x-api-key", "kb_test_nope").get(PATH);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).doesNotContain("kb_test_nope");
    }

    @Test
    void doesAcceptClientCredentialsQuotedOrNot() {
        assertThat(org.test().withClient(api).put(PATH, account("c-1").body()).status()).isEqualTo(200);
        Api quoted = api.withHeader("client_id", "\"" + org.test().clientId() + "\"")
                .withHeader("client_secret", "\"" + org.test().clientSecret() + "\"");
        assertThat(quoted.get(PATH + "/c-1").status()).isEqualTo(200);
    }

    @Test
    void doesAnswer401WhenTheClientSecretIsWrongOrMissing() {
        Api wrong = api.withHeader("client_id", org.test().clientId()).withHeader("client_secret", "cs_test_wrong");
        assertThat(wrong.get(PATH).status()).isEqualTo(401);
        assertThat(api.withHeader("client_id", org.test().clientId()).get(PATH).status()).isEqualTo(401);
        Api crossed = api.withHeader("client_id", org.test().clientId())
                .withHeader("client_secret", org.production().clientSecret());
        assertThat(crossed.get(PATH).status()).isEqualTo(401);
    }

    @Test
    void doesAnswer401WhenTheKeyHasBeenRevoked() {
        Api server = org.test().withKey(api);
        assertThat(server.get(PATH).status()).isEqualTo(200);
        String credentialId = credentialId(org.test().apiKey());

        Api.Response revoked = admin.delete("/admin/v1/organizations/" + org.id() + "/credentials/" + credentialId);
        assertThat(revoked.status()).isEqualTo(200);

        Api.Response after = server.get(PATH);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("message").asString()).contains("revoked");
        assertThat(org.test().withClient(api).get(PATH).status()).as("other credentials still work").isEqualTo(200);
    }

    @Test
    void doesRecordLastUsedTimeWithoutEverListingSecrets() {
        org.test().withKey(api).get(PATH);

        JsonNode list = admin.get("/admin/v1/organizations/" + org.id() + "/credentials").json();
        assertThat(list.toString()).doesNotContain(org.test().apiKey()).doesNotContain(org.test().clientSecret());
        JsonNode key = find(list, org.test().apiKey());
        assertThat(key.get("last_used_at").isNull()).isFalse();
        assertThat(key.get("secret_hint").asString()).startsWith("kb_test_").endsWith(
                org.test().apiKey().substring(org.test().apiKey().length() - 4));
        String stored = jdbc.sql("select encode(secret_hash, 'hex') from environment_credential where id = ?")
                .param(key.get("id").asString()).query(String.class).single();
        assertThat(stored).hasSize(64).doesNotContain(org.test().apiKey());
    }

    @Test
    void doesRejectServerCredentialsOnSessionRoutesAndTheReverse() {
        Api server = org.test().withKey(api);
        assertThat(server.get("/api/v3/org/basics").status()).isEqualTo(403);
    }

    private String credentialId(String apiKey) {
        return find(admin.get("/admin/v1/organizations/" + org.id() + "/credentials").json(), apiKey).get("id").asString();
    }

    private static JsonNode find(JsonNode list, String apiKey) {
        String tail = apiKey.substring(apiKey.length() - 4);
        for (JsonNode c : list.get("docs")) {
            if (c.get("kind").asString().equals("api_key") && c.get("environment").asString().equals("test")
                    && c.get("secret_hint").asString().endsWith(tail)) {
                return c;
            }
        }
        throw new AssertionError("no credential ending " + tail + " in " + Map.of("list", list));
    }
}
