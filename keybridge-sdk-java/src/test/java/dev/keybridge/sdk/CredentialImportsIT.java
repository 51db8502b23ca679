package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.AuthenticationException;
import dev.keybridge.sdk.exception.ConflictException;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.ImportedCredential;
import dev.keybridge.sdk.param.CredentialImportParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Credential import ({@code PUT /api/v2/public/migrate-token}) through the SDK against a real server. */
class CredentialImportsIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final KeybridgeServer.Org org = server.newOrganization();
    private final Keybridge keybridge = server.client(org);

    @Test
    void doesImportALoginAndAKeyThatWorkAndProxyThroughThem() {
        CredentialImportParams login = CredentialImportParams.builder("imp-1", "sandbox-ehr")
                .login("user_good", "pass_good").build();

        ImportedCredential imported = keybridge.credentialImports().create(login);

        assertThat(imported.success()).isTrue();
        assertThat(imported.accessToken()).startsWith("at_test_");
        assertThat(imported.connection().app()).isEqualTo("sandbox-ehr");
        assertThat(imported.connection().linkedAccountId()).isEqualTo("imp-1");
        assertThat(imported.connection().status()).isEqualTo("active");
        assertThat(imported.connection().connectionId()).isNotBlank();
        assertThat(imported.connection().createdAt()).isNotNull();
        assertThat(imported.toString()).doesNotContain(imported.accessToken());
        assertThat(keybridge.linkedAccounts().retrieve("imp-1").accountId()).as("account created").isEqualTo("imp-1");
        assertThat(keybridge.proxy().get(imported.accessToken(), "/me").bodyAsString()).contains("user_good");
        assertThat(keybridge.connections().retrieve(imported.accessToken()).id())
                .isEqualTo(imported.connection().connectionId());

        ImportedCredential key = keybridge.credentialImports().create(CredentialImportParams.builder("imp-1", "sandbox-keys")
                .field("api_key", "key_good").build());
        assertThat(keybridge.proxy().get(key.accessToken(), "/me").status()).isEqualTo(200);
        assertThat(keybridge.applications().retrieve("sandbox-keys", "imp-1").connected()).isTrue();
    }

    @Test
    void doesRefuseCredentialsTheAppRejectsAndStoreNothing() {
        assertThatThrownBy(() -> keybridge.credentialImports().create(CredentialImportParams.builder("imp-2", "sandbox-keys")
                .field("api_key", "key_bad").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThatThrownBy(() -> keybridge.credentialImports().create(CredentialImportParams.builder("imp-2", "sandbox-ehr")
                .login("user_good", "wrong").build())).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> keybridge.credentialImports().create(CredentialImportParams.builder("imp-2", "sandbox-oauth")
                .oauth2("only-an-access-token", null).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.error()).isEqualTo("cannot_verify"));
        assertThatThrownBy(() -> keybridge.credentialImports().create(CredentialImportParams.builder("imp-2", "sandbox-oauth")
                .oauth2("old", "not-a-real-refresh-token").expiresIn(Duration.ofHours(1)).scopes("profile").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"));
        assertThatThrownBy(() -> keybridge.credentialImports().create(CredentialImportParams.builder("imp-2", "sandbox-keys")
                .field("api_key", "key_good").field("extra", "x").build()))
                .as("a field the app does not collect").isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> keybridge.credentialImports().create(CredentialImportParams.builder("imp-2", "sandbox-keys")
                .build())).as("no credentials").isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> keybridge.credentialImports().create(CredentialImportParams.builder("imp-2", "no-such-app")
                .field("api_key", "key_good").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.error()).isEqualTo("app_not_found"));
        Keybridge wrong = Keybridge.builder().apiKey("kb_test_not_a_real_key_000000000").baseUrl(server.baseUrl()).build();
        assertThatThrownBy(() -> wrong.credentialImports().create(CredentialImportParams.builder("imp-2", "sandbox-keys")
                .field("api_key", "key_good").build())).isInstanceOf(AuthenticationException.class);

        assertThatThrownBy(() -> keybridge.linkedAccounts().retrieve("imp-2"))
                .as("nothing stored, not even the linked account").isInstanceOf(NotFoundException.class);
    }

    @Test
    void doesImportOnceWhenSentTwiceWithOneIdempotencyKeyAndConflictWithoutIt() {
        CredentialImportParams params = CredentialImportParams.builder("imp-3", "sandbox-keys")
                .field("api_key", "key_good").build();

        ImportedCredential first = keybridge.credentialImports().create(params, RequestOptions.idempotencyKey("imp-3-once"));
        ImportedCredential again = keybridge.credentialImports().create(params, RequestOptions.idempotencyKey("imp-3-once"));

        assertThat(again.accessToken()).isEqualTo(first.accessToken());
        assertThat(keybridge.linkedAccounts().connections("imp-3")).hasSize(1);
        assertThatThrownBy(() -> keybridge.credentialImports().create(params))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.error()).isEqualTo("connection_exists"));
    }

    @Test
    void doesNotShowTheImportedSecretsInToString() {
        CredentialImportParams oauth = CredentialImportParams.builder("imp-4", "sandbox-oauth")
                .oauth2("at-secret-value", "rt-secret-value").expiresIn(Duration.ofMinutes(5)).scopes("profile")
                .tokenType("Bearer").build();
        CredentialImportParams login = CredentialImportParams.builder("imp-4", "sandbox-ehr")
                .login("user_good", "pw-secret-value").field("api_key", "key-secret-value").build();

        assertThat(oauth.toString()).doesNotContain("at-secret-value", "rt-secret-value")
                .contains("access_token=****", "refresh_token=****", "expires_in=300", "token_type=Bearer");
        assertThat(login.toString()).doesNotContain("pw-secret-value", "key-secret-value", "user_good")
                .contains("imp-4", "sandbox-ehr", "password=****");
    }
}
