package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.LoginRequiredException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.ProxyResponse;
import dev.keybridge.sdk.param.AppSettingsParams;
import dev.keybridge.sdk.param.CredentialImportParams;
import dev.keybridge.sdk.param.ProxyRequest;
import dev.keybridge.sdk.support.KeybridgeServer;
import dev.keybridge.sdk.support.Upstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy helper tells Keybridge's errors from the app's by the {@code x-keybridge-error} marker, not by the
 * body: an app answering errors in Keybridge's very shape gets its answer back; Keybridge's own refusal throws.
 */
class ProxyErrorsIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final Keybridge keybridge = server.client(server.newOrganization());
    private final Upstream upstream = Upstream.get();

    private String connect(String accountId) {
        return keybridge.credentialImports().create(CredentialImportParams.builder(accountId, Upstream.SLUG)
                .field("api_key", "upstream-key").build()).accessToken();
    }

    @BeforeEach
    void enableTheApp() {
        keybridge.applications().updateSettings(Upstream.SLUG, AppSettingsParams.enabled(true).build());
    }

    @Test
    void doesReturnTheAppsErrorsWhenTheyLookLikeKeybridgesOwn() {
        String token = connect("up-1");

        for (int status : new int[] {401, 403, 404, 500, 503}) {
            int before = upstream.calls();

            ProxyResponse r = keybridge.proxy().get(token, "/status/" + status);

            assertThat(r.status()).isEqualTo(status);
            assertThat(r.bodyAsString()).isEqualTo(Upstream.ERROR_BODY);
            assertThat(r.header("x-upstream")).hasValue("yes");
            assertThat(r.header("x-keybridge-error")).as("the upstream's forged marker does not cross").isEmpty();
            assertThat(upstream.calls() - before).as("an app's %s is its answer, not retried", status).isEqualTo(1);
        }
        assertThat(keybridge.connections().retrieve(token).isActive()).isTrue();
    }

    @Test
    void doesThrowLoginRequiredWhenKeybridgeRefusesForTheConnection() {
        String token = connect("up-2");

        assertThatThrownBy(() -> keybridge.proxy().get(token, "/revoked"))
                .isInstanceOfSatisfying(LoginRequiredException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("login_required");
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThat(keybridge.connections().retrieve(token).status()).isEqualTo("login_required");
        assertThatThrownBy(() -> keybridge.proxy().send(ProxyRequest.builder("HEAD", "status/200").accessToken(token).build()))
                .as("a HEAD answer has no body: the marker alone says it is Keybridge's")
                .isInstanceOfSatisfying(LoginRequiredException.class, e -> assertThat(e.error()).isEqualTo("login_required"));
        assertThatThrownBy(() -> keybridge.proxy().get("at_test_not_a_token", "/status/200"))
                .isInstanceOf(NotFoundException.class);
    }
}
