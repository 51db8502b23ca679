package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.IdempotencyException;
import dev.keybridge.sdk.exception.IdempotencyKeyInProgressException;
import dev.keybridge.sdk.exception.IdempotencyKeyReusedException;
import dev.keybridge.sdk.model.ImportedCredential;
import dev.keybridge.sdk.param.AppSettingsParams;
import dev.keybridge.sdk.param.CredentialImportParams;
import dev.keybridge.sdk.param.LinkedAccountParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import dev.keybridge.sdk.support.Upstream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The two idempotency errors against a real server, each its own exception: a key reused with another body
 * (422), and a key whose first request is still running (409; the test server waits 1 s for the first request,
 * whose key check at {@link Upstream#SLOW_SLUG} the test holds open).
 */
class IdempotencyIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final Keybridge keybridge = server.client(server.newOrganization());

    @Test
    void doesThrowKeyReusedWhenTheKeyComesBackWithAnotherBody() {
        RequestOptions key = RequestOptions.idempotencyKey("reused-key-1");
        keybridge.linkedAccounts().create(LinkedAccountParams.builder("reuse-1").build(), key);

        assertThatThrownBy(() -> keybridge.linkedAccounts().create(LinkedAccountParams.builder("reuse-2").build(), key))
                .isInstanceOfSatisfying(IdempotencyKeyReusedException.class, e -> {
                    assertThat(e).isInstanceOf(IdempotencyException.class);
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.error()).isEqualTo("idempotency_key_reused");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void doesThrowKeyInProgressWhileTheFirstRequestRunsThenReplayItsAnswer() throws Exception {
        keybridge.applications().updateSettings(Upstream.SLOW_SLUG, AppSettingsParams.enabled(true).build());
        CredentialImportParams params = CredentialImportParams.builder("slow-1", Upstream.SLOW_SLUG)
                .field("api_key", "slow-key-value").build();
        RequestOptions key = RequestOptions.idempotencyKey("in-progress-key-1");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Upstream.Hold hold = Upstream.get().hold()) {
            Future<ImportedCredential> first = pool.submit(() -> keybridge.credentialImports().create(params, key));
            assertThat(hold.awaitArrival(Duration.ofSeconds(30))).as("the first import reached the app's key check").isTrue();

            assertThatThrownBy(() -> keybridge.credentialImports().create(params, key.toBuilder().maxRetries(0).build()))
                    .isInstanceOfSatisfying(IdempotencyKeyInProgressException.class, e -> {
                        assertThat(e).isInstanceOf(IdempotencyException.class);
                        assertThat(e.httpStatus()).isEqualTo(409);
                        assertThat(e.error()).isEqualTo("idempotency_key_in_progress");
                    });

            hold.release();
            ImportedCredential done = first.get(30, TimeUnit.SECONDS);
            AtomicReference<KeybridgeResponse> again = new AtomicReference<>();
            ImportedCredential replayed = keybridge.credentialImports().create(params,
                    key.toBuilder().onResponse(again::set).build());
            assertThat(replayed.connection().connectionId()).isEqualTo(done.connection().connectionId());
            assertThat(again.get().idempotentReplayed()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
