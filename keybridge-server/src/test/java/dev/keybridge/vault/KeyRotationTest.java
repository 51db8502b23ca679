package dev.keybridge.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Master key rotation: a new key encrypts, old ciphertexts still decrypt, one call re-encrypts all. */
class KeyRotationTest extends IntegrationTest {

    @Autowired
    private Vault vault;

    @Autowired
    private Connections connections;

    @Test
    void doesReencryptEverythingUnderTheNewKeyWhileOldCiphertextsStillDecrypt() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Api.Response created = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "rot-1", "app", "sandbox-ehr"));
        LinkTokens.exchange(server, created.json().get("public_token").asString());
        server.put("/api/v2/public/application/github/settings", Map.of("enabled", true, "client_id", "c", "client_secret", "s3cret"));
        assertThat(server.post("/api/v2/public/webhook", Map.of("webhook_url", "http://127.0.0.1:9/hook")).status()).isEqualTo(201);
        Connection before = connections.forAccount(org.id(), Environment.TEST,
                jdbc.sql("select id from linked_account where org_id = ? and external_id = 'rot-1'").param(org.id())
                        .query(String.class).single()).getFirst();
        int keysBefore = vault.keyset().size();

        Api.Response rotated = admin.post("/admin/v1/vault/rotate", Map.of());

        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        JsonNode body = rotated.json();
        assertThat(body.get("keys").asInt()).isEqualTo(keysBefore + 1);
        assertThat(body.at("/reencrypted/connection.credential_ciphertext").asInt()).isPositive();
        assertThat(body.at("/reencrypted/app_setting.client_secret_ciphertext").asInt()).isPositive();
        assertThat(body.at("/reencrypted/webhook_endpoint.secret_ciphertext").asInt()).isPositive();
        assertThat(body.at("/reencrypted/linked_account.auth_credentials_ciphertext").isMissingNode()).isFalse();
        Connection after = connections.find(org.id(), Environment.TEST, before.id()).orElseThrow();
        assertThat(after.credentialCiphertext()).isNotEqualTo(before.credentialCiphertext());
        assertThat(vault.isPrimary(after.credentialCiphertext())).isTrue();
        assertThat(vault.isPrimary(before.credentialCiphertext())).isFalse();
        assertThat(connections.credentials(after)).containsEntry("username", "user_good");
        assertThat(connections.credentials(before)).as("the old key still decrypts").containsEntry("username", "user_good");
        assertThat(after.credentialVersion()).as("the same credentials, so no new version").isEqualTo(before.credentialVersion());

        JsonNode again = admin.post("/admin/v1/vault/reencrypt", Map.of()).json();
        again.get("reencrypted").forEach(n -> assertThat(n.asInt()).isZero());
    }

    @Test
    void doesRefuseTheRotationEndpointWithoutTheAdminToken() {
        assertThat(api.post("/admin/v1/vault/rotate", Map.of()).status()).isEqualTo(401);
        assertThat(newOrganization().test().withKey(api).post("/admin/v1/vault/rotate", Map.of()).status()).isIn(401, 403);
    }
}
