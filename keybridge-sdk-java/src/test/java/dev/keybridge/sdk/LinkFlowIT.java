package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.KeybridgeException;
import dev.keybridge.sdk.exception.LoginRequiredException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.AccessToken;
import dev.keybridge.sdk.model.AppSettings;
import dev.keybridge.sdk.model.Application;
import dev.keybridge.sdk.model.ConnectionStatus;
import dev.keybridge.sdk.model.LinkSettings;
import dev.keybridge.sdk.model.LinkToken;
import dev.keybridge.sdk.model.LinkedAccount;
import dev.keybridge.sdk.model.ProxyResponse;
import dev.keybridge.sdk.model.SessionToken;
import dev.keybridge.sdk.param.AppSettingsParams;
import dev.keybridge.sdk.param.LinkTokenParams;
import dev.keybridge.sdk.param.LinkedAccountParams;
import dev.keybridge.sdk.param.ProxyRequest;
import dev.keybridge.sdk.support.KeybridgeServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through against a real server: upsert, session token, link token, exchange (of a
 * sandbox public token), proxy, reset_login, LoginRequiredException, update-mode link token; plus
 * connections, applications and disconnect.
 */
class LinkFlowIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final Keybridge keybridge = server.client(server.newOrganization());

    @Test
    void doesThrowLoginRequiredFromTheProxyAfterResetLoginAndOfferUpdateMode() {
        LinkedAccount account = keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("demo-user").name("Demo").build())
                .account();
        SessionToken session = keybridge.sessionTokens().create("demo-user");
        assertThat(session.token()).isNotBlank();
        assertThat(session.expiresAt()).as("later than the server made the account").isAfter(account.createdAt());
        assertThat(session.toString()).doesNotContain(session.token());

        LinkToken link = keybridge.linkTokens().create(LinkTokenParams.forUser("demo-user").app("sandbox-ehr").build());
        assertThat(link.token()).startsWith("lt_");
        assertThat(link.toString()).doesNotContain(link.token());

        String publicToken = keybridge.sandbox().createPublicToken("demo-user", "sandbox-ehr", "mfa_device").publicToken();
        AccessToken access = keybridge.linkTokens().exchange(publicToken);
        assertThat(access.toString()).doesNotContain(access.token());

        ProxyResponse me = keybridge.proxy().get(access.token(), "/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.bodyAsString()).contains("mfa_device");
        ProxyResponse byAccount = keybridge.proxy().send(ProxyRequest.builder("GET", "me")
                .connection("demo-user", "sandbox-ehr").build());
        assertThat(byAccount.status()).isEqualTo(200);

        keybridge.sandbox().resetLogin(access.token(), "otp_expired");

        assertThatThrownBy(() -> keybridge.proxy().get(access.token(), "/me"))
                .isInstanceOfSatisfying(LoginRequiredException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("login_required");
                    assertThat(e.statusReason()).isEqualTo("otp_expired");
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.toString()).doesNotContain(access.token());
                });
        ConnectionStatus status = keybridge.connections().retrieve(access.token());
        assertThat(status.status()).isEqualTo("login_required");
        assertThat(status.statusReason()).isEqualTo("otp_expired");

        LinkToken update = keybridge.linkTokens().createForUpdate(access.token());
        assertThat(update.token()).startsWith("lt_");
    }

    @Test
    void doesShowTheGrantedScopesAndAskForMoreInUpdateModeWhenTheConnectionIsOAuth2() {
        String oauthToken = keybridge.linkTokens().exchange(
                keybridge.sandbox().createPublicToken("scoped-user", "sandbox-oauth", null).publicToken()).token();
        String keyToken = keybridge.linkTokens().exchange(
                keybridge.sandbox().createPublicToken("scoped-user", "sandbox-ehr", null).publicToken()).token();

        assertThat(keybridge.connections().retrieve(oauthToken).scopes()).containsExactly("profile", "contacts.read");
        assertThat(keybridge.connections().retrieve(keyToken).scopes()).isNull();
        LinkToken more = keybridge.linkTokens().create(LinkTokenParams.forUpdate(oauthToken).scopes("contacts.write").build());
        assertThat(more.token()).startsWith("lt_");
        assertThatThrownBy(() -> keybridge.linkTokens().create(LinkTokenParams.forUpdate(keyToken).scopes("more").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void doesChangeAppAndLinkSettingsWithoutShowingTheClientSecret() {
        AppSettingsParams params = AppSettingsParams.enabled(true)
                .clientId("my-client").clientSecret("client-secret-value").build();
        assertThat(params.toString()).doesNotContain("client-secret-value");

        AppSettings github = keybridge.applications().updateSettings("github", params);

        assertThat(github.enabled()).isTrue();
        assertThat(github.clientId()).isEqualTo("my-client");
        assertThat(github.clientSecretSet()).isTrue();
        assertThat(keybridge.applications().settings("github")).isEqualTo(github);
        assertThat(keybridge.applications().list()).extracting(Application::slug).contains("github");

        LinkSettings link = new LinkSettings(
                List.of("https://app.example.com/done"), List.of("https://app.example.com"));
        assertThat(keybridge.linkTokens().updateSettings(link)).isEqualTo(link);
        assertThat(keybridge.linkTokens().settings()).isEqualTo(link);
        assertThatThrownBy(() -> keybridge.linkTokens().updateSettings(new LinkSettings(
                List.of("not a uri"), List.of()))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void doesListConnectionsAndAppsAndDisconnectWhenAnAccountIsLinked() {
        String publicToken = keybridge.sandbox().createPublicToken("apps-user", "sandbox-ehr", null).publicToken();
        String accessToken = keybridge.linkTokens().exchange(publicToken).token();

        List<ConnectionStatus> connections = keybridge.linkedAccounts().connections("apps-user");
        assertThat(connections).singleElement().satisfies(c -> {
            assertThat(c.app()).isEqualTo("sandbox-ehr");
            assertThat(c.isActive()).isTrue();
        });
        assertThat(keybridge.connections().retrieve(accessToken).id()).isEqualTo(connections.get(0).id());

        List<Application> apps = keybridge.applications().list("apps-user");
        assertThat(apps).extracting(Application::slug).contains("sandbox-ehr");
        Application ehr = keybridge.applications().retrieve("sandbox-ehr", "apps-user");
        assertThat(ehr.connected()).isTrue();
        assertThat(ehr.reauthRequired()).isFalse();
        assertThat(keybridge.applications().retrieve("sandbox-ehr", null).connected()).isFalse();

        assertThat(keybridge.linkedAccounts().disconnect("apps-user", connections.get(0).id()).status())
                .isEqualTo("disconnected");
        assertThat(keybridge.linkedAccounts().connections("apps-user")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("disconnected"));
        assertThatThrownBy(() -> keybridge.connections().retrieve(accessToken))
                .as("a disconnected connection's token is gone").isInstanceOf(NotFoundException.class);

        String second = keybridge.linkTokens().exchange(
                keybridge.sandbox().createPublicToken("apps-user", "sandbox-ehr", null).publicToken()).token();
        assertThat(keybridge.connections().disconnect(second).connectionId()).isNotBlank();
        assertThatThrownBy(() -> keybridge.linkTokens().exchange(publicToken))
                .as("a public token is single-use").isInstanceOf(KeybridgeException.class);
        assertThatThrownBy(() -> keybridge.connections().retrieve("not-a-token")).isInstanceOf(NotFoundException.class);
    }
}
