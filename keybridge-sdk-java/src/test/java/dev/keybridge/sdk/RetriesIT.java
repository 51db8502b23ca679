package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.ApiConnectionException;
import dev.keybridge.sdk.exception.ApiException;
import dev.keybridge.sdk.exception.IdempotencyException;
import dev.keybridge.sdk.model.LinkedAccount;
import dev.keybridge.sdk.model.SessionToken;
import dev.keybridge.sdk.net.RetryPolicy;
import dev.keybridge.sdk.param.LinkedAccountParams;
import dev.keybridge.sdk.support.FaultyProxy;
import dev.keybridge.sdk.support.FaultyProxy.Fault;
import dev.keybridge.sdk.support.FaultyProxy.Seen;
import dev.keybridge.sdk.support.KeybridgeServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries through a proxy that injects faults in front of the real server. */
class RetriesIT {

    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofSeconds(5));

    private final KeybridgeServer server = KeybridgeServer.get();
    private final KeybridgeServer.Org org = server.newOrganization();
    private final Keybridge direct = server.client(org);

    private Keybridge through(FaultyProxy proxy) {
        return Keybridge.builder().apiKey(org.test().apiKey()).baseUrl(proxy.url()).retryPolicy(FAST).build();
    }

    @Test
    void doesRetryAReadWhenTheFirstAnswerIsAnInjected503() throws Exception {
        direct.linkedAccounts().upsert(LinkedAccountParams.builder("r-1").name("Retry").build());
        try (FaultyProxy proxy = new FaultyProxy(server.baseUrl()).then(Fault.ANSWER_503)) {
            LinkedAccount a = through(proxy).linkedAccounts().retrieve("r-1");

            assertThat(a.name()).isEqualTo("Retry");
            assertThat(proxy.seen()).extracting(Seen::answered).containsExactly(503, 200);
        }
    }

    @Test
    void doesNotActTwiceWhenARetriedCreateLostItsFirstAnswer() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(server.baseUrl()).then(Fault.FORWARD_THEN_503)) {
            LinkedAccount created = through(proxy).linkedAccounts().create(LinkedAccountParams.builder("once").build());

            List<Seen> seen = proxy.seen();
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0).answered()).as("the server acted, the answer was lost").isEqualTo(503);
            assertThat(seen.get(1).answered()).as("a replay, not 409 linked_account_exists").isEqualTo(201);
            assertThat(seen.get(0).idempotencyKey()).isNotBlank().isEqualTo(seen.get(1).idempotencyKey());
            assertThat(created.accountId()).isEqualTo("once");
            assertThat(created.version()).isZero();
        }
    }

    @Test
    void doesReturnTheFirstSessionTokenWhenARetriedWriteReplays() throws Exception {
        direct.linkedAccounts().upsert(LinkedAccountParams.builder("s-1").build());
        try (FaultyProxy proxy = new FaultyProxy(server.baseUrl()).then(Fault.FORWARD_THEN_503, Fault.ANSWER_429)) {
            SessionToken token = through(proxy).sessionTokens().create("s-1");

            assertThat(token.token()).isNotBlank();
            assertThat(proxy.seen()).extracting(Seen::answered).containsExactly(503, 429, 200);
            assertThat(proxy.seen()).extracting(Seen::idempotencyKey).containsOnly(proxy.seen().get(0).idempotencyKey());
        }
    }

    @Test
    void doesUseOneGeneratedKeyPerWriteAndRefuseYourKeyWithAnotherBody() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(server.baseUrl())) {
            Keybridge keybridge = through(proxy);
            keybridge.linkedAccounts().create(LinkedAccountParams.builder("k-1").build());
            keybridge.linkedAccounts().create(LinkedAccountParams.builder("k-2").build());
            assertThat(proxy.seen()).extracting(Seen::idempotencyKey).doesNotHaveDuplicates().doesNotContainNull();

            RequestOptions mine = RequestOptions.idempotencyKey("my-key-1");
            keybridge.linkedAccounts().create(LinkedAccountParams.builder("k-3").build(), mine);
            assertThat(keybridge.linkedAccounts().create(LinkedAccountParams.builder("k-3").build(), mine).accountId())
                    .isEqualTo("k-3");
            assertThatThrownBy(() -> keybridge.linkedAccounts().create(LinkedAccountParams.builder("k-4").build(), mine))
                    .isInstanceOfSatisfying(IdempotencyException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(422);
                        assertThat(e.error()).isEqualTo("idempotency_key_reused");
                    });
        }
    }

    @Test
    void doesGiveUpWithTheRightExceptionWhenFaultsOutlastTheRetries() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(server.baseUrl()).then(Fault.ANSWER_503, Fault.ANSWER_503, Fault.ANSWER_503)) {
            assertThatThrownBy(() -> through(proxy).linkedAccounts().list())
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));
            assertThat(proxy.seen()).hasSize(3);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Keybridge nowhere = Keybridge.builder().apiKey(org.test().apiKey()).baseUrl("http://127.0.0.1:" + port)
                .retryPolicy(FAST).build();
        assertThatThrownBy(() -> nowhere.linkedAccounts().list())
                .isInstanceOf(ApiConnectionException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(org.test().apiKey()));
    }

    @Test
    void doesRetryAWriteWhenTheConnectionDropsWithoutAnAnswer() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(server.baseUrl()).then(Fault.DROP_CONNECTION)) {
            LinkedAccount a = through(proxy).linkedAccounts().create(LinkedAccountParams.builder("dropped").build());

            assertThat(a.accountId()).isEqualTo("dropped");
            assertThat(proxy.seen()).extracting(Seen::answered).containsExactly(-1, 201);
        }
    }
}
