package dev.keybridge.tenancy;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One organization's credentials never reach another's data; test never sees production. */
class IsolationTest extends IntegrationTest {

    private static final String PATH = "/api/v2/public/linked-account";

    private Api aliceTest;
    private Api aliceLive;
    private Api bobTest;

    @BeforeEach
    void organizations() {
        TestOrganization alice = newOrganization();
        TestOrganization bob = newOrganization();
        aliceTest = alice.test().withKey(api);
        aliceLive = alice.production().withClient(api);
        bobTest = bob.test().withKey(api);
        assertThat(aliceTest.put(PATH, account("shared-id").name("Alice's").udf("x", "1").body()).status()).isEqualTo(200);
    }

    @Test
    void doesNotLetAnotherOrganizationReadListChangeOrDelete() {
        assertThat(bobTest.get(PATH + "/shared-id").status()).isEqualTo(404);
        assertThat(bobTest.get(PATH).json().get("totalDocs").asInt()).isZero();
        assertThat(bobTest.get(PATH + "?linked_account_id=shared-id").json().get("docs")).isEmpty();
        assertThat(bobTest.delete(PATH + "/shared-id").status()).isEqualTo(404);
        assertThat(bobTest.post("/api/v2/public/session-token", Map.of("linked_account_id", "shared-id")).status()).isEqualTo(404);

        // Bob's upsert of the same id makes Bob's own account and leaves Alice's alone.
        assertThat(bobTest.put(PATH, account("shared-id").name("Bob's").body()).json().get("__v").asInt()).isZero();
        assertThat(aliceTest.get(PATH + "/shared-id").json().get("name").asString()).isEqualTo("Alice's");
        assertThat(aliceTest.get(PATH + "/shared-id").json().get("udf")).hasSize(1);
        assertThat(aliceTest.get(PATH).json().get("totalDocs").asInt()).isEqualTo(1);
    }

    @Test
    void doesNotLetTestCredentialsSeeProductionData() {
        assertThat(aliceLive.get(PATH + "/shared-id").status()).isEqualTo(404);
        aliceLive.put(PATH, account("live-only").name("Live").body());

        assertThat(aliceTest.get(PATH + "/live-only").status()).isEqualTo(404);
        assertThat(aliceTest.get(PATH).json().get("totalDocs").asInt()).isEqualTo(1);
        assertThat(aliceLive.get(PATH).json().get("totalDocs").asInt()).isEqualTo(1);
        assertThat(aliceLive.get(PATH + "/live-only").json().get("environment").asString()).isEqualTo("production");
        assertThat(aliceTest.delete(PATH + "/live-only").status()).isEqualTo(404);
        assertThat(aliceLive.get(PATH + "/live-only").status()).isEqualTo(200);
    }

    @Test
    void doesScopeSessionTokensToTheirOwnEnvironment() {
        String token = aliceTest.post("/api/v2/public/session-token", Map.of("linked_account_id", "shared-id"))
                .json().get("token").asString();
        Api session = api.withHeader("authorization", "Bearer " + token);

        assertThat(session.get("/api/v3/org/basics").json().at("/linked_account/environment").asString()).isEqualTo("test");
        assertThat(session.get(PATH).status()).as("a session token is no server credential").isEqualTo(403);
    }
}
