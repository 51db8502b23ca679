package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.SessionToken;
import dev.keybridge.sdk.model.SessionTokenRevocation;
import dev.keybridge.sdk.param.LinkedAccountParams;
import dev.keybridge.sdk.param.SessionTokenParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Session tokens through the SDK against a real server: app scopes, revoking one, revoking all of an account. */
class SessionTokensIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final Keybridge keybridge = server.client(server.newOrganization());

    @Test
    void doesLimitATokenToItsAppsWhenScoped() {
        keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("scoped-1").build());

        AtomicReference<KeybridgeResponse> answer = new AtomicReference<>();
        SessionToken scoped = keybridge.sessionTokens().create(SessionTokenParams.builder("scoped-1")
                .apps("sandbox-keys", "sandbox-ehr").build(), RequestOptions.builder().onResponse(answer::set).build());

        assertThat(scoped.apps()).containsExactly("sandbox-ehr", "sandbox-keys");
        assertThat(scoped.isScoped()).isTrue();
        assertThat(scoped.tokenId()).isNotBlank();
        Instant answeredAt = ZonedDateTime.parse(answer.get().header("date").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();   // the server's own time, not this JVM's
        assertThat(scoped.expiresAt()).isAfter(answeredAt);
        assertThat(scoped.toString()).doesNotContain(scoped.token()).contains(scoped.tokenId());
        KeybridgeServer.Answer apps = server.asBrowser(scoped.token(), "/api/v2/f-sdk/application");
        assertThat(apps.status()).isEqualTo(200);
        assertThat(apps.body()).contains("sandbox-keys", "sandbox-ehr").doesNotContain("sandbox-oauth");
        assertThat(server.asBrowser(scoped.token(), "/api/v2/f-sdk/application/sandbox-oauth").body())
                .contains("app_not_in_token_scope");

        SessionToken every = keybridge.sessionTokens().create("scoped-1");
        assertThat(every.apps()).isNull();
        assertThat(every.isScoped()).isFalse();
        assertThat(server.asBrowser(every.token(), "/api/v2/f-sdk/application").body()).contains("sandbox-oauth");

        assertThatThrownBy(() -> keybridge.sessionTokens().create(SessionTokenParams.builder("scoped-1")
                .apps("github").build()))
                .as("an app that is not enabled here").isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("github"));
        assertThatThrownBy(() -> keybridge.sessionTokens().create(SessionTokenParams.builder("nobody").build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void doesRefuseOneRevokedTokenAndKeepTheOthersWorking() {
        keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("revoke-1").build());
        SessionToken first = keybridge.sessionTokens().create("revoke-1");
        SessionToken second = keybridge.sessionTokens().create("revoke-1");
        assertThat(server.asBrowser(first.token(), "/api/v3/org/basics").status()).isEqualTo(200);

        SessionTokenRevocation revoked = keybridge.sessionTokens().revoke(first.token());

        assertThat(revoked.success()).isTrue();
        assertThat(revoked.revoked()).isEqualTo("token");
        assertThat(revoked.isAll()).isFalse();
        assertThat(revoked.linkedAccountId()).isNull();
        KeybridgeServer.Answer refused = server.asBrowser(first.token(), "/api/v3/org/basics");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("session_token_revoked");
        assertThat(server.asBrowser(second.token(), "/api/v3/org/basics").status()).isEqualTo(200);
        assertThat(keybridge.sessionTokens().revoke(first.token()).success()).as("again: nothing changes").isTrue();
        assertThatThrownBy(() -> keybridge.sessionTokens().revoke("not-a-session-token"))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.error()).isEqualTo("session_token_not_found"));
    }

    @Test
    void doesRevokeEveryTokenOfAnAccountIssuedSoFarWhenRevokingAll() {
        keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("revoke-all").build());
        keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("bystander").build());
        List<SessionToken> before = List.of(keybridge.sessionTokens().create("revoke-all"),
                keybridge.sessionTokens().create(SessionTokenParams.builder("revoke-all").apps("sandbox-keys").build()));
        SessionToken other = keybridge.sessionTokens().create("bystander");

        SessionTokenRevocation all = keybridge.sessionTokens().revokeAll("revoke-all");

        assertThat(all.isAll()).isTrue();
        assertThat(all.linkedAccountId()).isEqualTo("revoke-all");
        assertThat(before).allSatisfy(t -> assertThat(server.asBrowser(t.token(), "/api/v3/org/basics").status())
                .isEqualTo(401));
        assertThat(server.asBrowser(other.token(), "/api/v3/org/basics").status()).isEqualTo(200);
        SessionToken after = keybridge.sessionTokens().create("revoke-all");
        assertThat(server.asBrowser(after.token(), "/api/v3/org/basics").status()).as("made afterwards").isEqualTo(200);
        assertThatThrownBy(() -> keybridge.sessionTokens().revokeAll("nobody")).isInstanceOf(NotFoundException.class);
    }
}
