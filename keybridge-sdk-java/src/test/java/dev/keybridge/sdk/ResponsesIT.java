package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.sdk.model.LinkedAccount;
import dev.keybridge.sdk.model.SessionToken;
import dev.keybridge.sdk.net.RetryPolicy;
import dev.keybridge.sdk.param.LinkedAccountListParams;
import dev.keybridge.sdk.param.LinkedAccountParams;
import dev.keybridge.sdk.support.FaultyProxy;
import dev.keybridge.sdk.support.FaultyProxy.Fault;
import dev.keybridge.sdk.support.KeybridgeServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The request id (and the rest of {@link KeybridgeResponse}) of successful calls against a real server. */
class ResponsesIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final KeybridgeServer.Org org = server.newOrganization();

    @Test
    void doesHandEverySuccessfulAnswerToTheClientsAndTheCallsListener() {
        List<KeybridgeResponse> all = new CopyOnWriteArrayList<>();
        Keybridge keybridge = Keybridge.builder().apiKey(org.test().apiKey()).baseUrl(server.baseUrl())
                .onResponse(all::add).build();
        AtomicReference<KeybridgeResponse> mine = new AtomicReference<>();

        LinkedAccount created = keybridge.linkedAccounts().create(LinkedAccountParams.builder("resp-1").build(),
                RequestOptions.builder().onResponse(mine::set).build());
        LinkedAccount read = keybridge.linkedAccounts().retrieve("resp-1", RequestOptions.builder().onResponse(mine::set)
                .header("x-request-id", "req_mine_0001").build());

        assertThat(read.id()).isEqualTo(created.id());
        assertThat(mine.get().requestId()).as("the id Keybridge echoes").isEqualTo("req_mine_0001");
        assertThat(mine.get().status()).isEqualTo(200);
        assertThat(mine.get().method()).isEqualTo("GET");
        assertThat(mine.get().path()).isEqualTo("/api/v2/public/linked-account/resp-1");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).status()).isEqualTo(201);
        assertThat(all.get(0).requestId()).startsWith("req_");
        assertThat(all.get(0).requestId()).isNotEqualTo(all.get(1).requestId());
        assertThat(all.get(0).attempts()).isEqualTo(1);
        assertThat(all.get(0).idempotentReplayed()).isFalse();
        assertThat(all.get(1)).isSameAs(mine.get());
        assertThat(all.get(0).toString()).contains(all.get(0).requestId()).doesNotContain(org.test().apiKey());
    }

    @Test
    void doesGiveEveryPageItsOwnAnswer() {
        Keybridge keybridge = server.client(org);
        for (int i = 0; i < 3; i++) {
            keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("page-" + i).build());
        }
        List<KeybridgeResponse> pages = new CopyOnWriteArrayList<>();

        Page<LinkedAccount> first = keybridge.linkedAccounts().list(LinkedAccountListParams.builder().limit(2).build(),
                RequestOptions.builder().onResponse(pages::add).build());
        Page<LinkedAccount> second = first.nextPage();

        assertThat(first.lastResponse().requestId()).startsWith("req_");
        assertThat(second.lastResponse().requestId()).isNotEqualTo(first.lastResponse().requestId());
        assertThat(pages).extracting(KeybridgeResponse::requestId)
                .containsExactly(first.lastResponse().requestId(), second.lastResponse().requestId());
    }

    @Test
    void doesSayWhenAnAnswerWasReplayedForAnIdempotencyKeyAfterARetry() throws Exception {
        server.client(org).linkedAccounts().upsert(LinkedAccountParams.builder("replayed").build());
        AtomicReference<KeybridgeResponse> answer = new AtomicReference<>();
        try (FaultyProxy proxy = new FaultyProxy(server.baseUrl()).then(Fault.FORWARD_THEN_503)) {
            Keybridge through = Keybridge.builder().apiKey(org.test().apiKey()).baseUrl(proxy.url())
                    .retryPolicy(new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)))
                    .build();

            SessionToken token = through.sessionTokens().create("replayed",
                    RequestOptions.builder().onResponse(answer::set).build());

            assertThat(token.token()).isNotBlank();
        }
        assertThat(answer.get().attempts()).isEqualTo(2);
        assertThat(answer.get().idempotentReplayed()).as("the first attempt acted; the second got its answer").isTrue();
        assertThat(answer.get().toString()).contains("replayed", "attempts=2");
    }
}
