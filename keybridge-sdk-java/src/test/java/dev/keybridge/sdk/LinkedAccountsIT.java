package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.AuthenticationException;
import dev.keybridge.sdk.exception.ConflictException;
import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.LinkedAccount;
import dev.keybridge.sdk.model.UpsertResult;
import dev.keybridge.sdk.net.JdkHttpTransport;
import dev.keybridge.sdk.net.TransportRequest;
import dev.keybridge.sdk.param.LinkedAccountListParams;
import dev.keybridge.sdk.param.LinkedAccountParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Linked accounts through the SDK against a real server. */
class LinkedAccountsIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final KeybridgeServer.Org org = server.newOrganization();
    private final Keybridge keybridge = server.client(org);

    @Test
    void doesUpsertWithAbsentAndNullKeptDistinctWhenFieldsAreSetOrRemoved() {
        UpsertResult created = keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("account:1")
                .name("Mark Wood").udf("phone", "123").udf("plan", "pro").udf("seats", 3)
                .yourApp("my-app", Map.of("token", "s3cret-value")).build());
        assertThat(created.outcome()).isEqualTo(UpsertResult.Outcome.CREATED);
        assertThat(created.account().version()).isZero();
        assertThat(created.account().yourApp().authCredentials()).containsEntry("token", "********");
        assertThat(created.account().udfValue("seats")).isEqualTo(3);

        UpsertResult updated = keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("account:1")
                .removeUdf("plan").udf("phone", "555").build());
        assertThat(updated.outcome()).isEqualTo(UpsertResult.Outcome.UPDATED);
        assertThat(updated.account().name()).as("name not sent is kept").isEqualTo("Mark Wood");
        assertThat(updated.account().udfValue("plan")).isNull();
        assertThat(updated.account().udfValue("phone")).isEqualTo("555");
        assertThat(updated.account().version()).isEqualTo(1);

        UpsertResult same = keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("account:1").udf("phone", "555").build());
        assertThat(same.outcome()).isEqualTo(UpsertResult.Outcome.UNCHANGED);

        LinkedAccount cleared = keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("account:1").clearName()
                .removeYourApp().build()).account();
        assertThat(cleared.name()).isNull();
        assertThat(cleared.yourApp()).isNull();
    }

    @Test
    void doesCreateRetrieveAndDeleteWhenIdsAreNewOrKnown() {
        LinkedAccount ann = keybridge.linkedAccounts().create(LinkedAccountParams.builder("ann:ü 1").name("Ann").build());
        assertThat(keybridge.linkedAccounts().retrieve("ann:ü 1").id()).isEqualTo(ann.id());

        assertThatThrownBy(() -> keybridge.linkedAccounts().create(LinkedAccountParams.builder("ann:ü 1").build()))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.error()).isEqualTo("linked_account_exists");
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThat(keybridge.linkedAccounts().delete("ann:ü 1").accountId()).isEqualTo("ann:ü 1");
        assertThatThrownBy(() -> keybridge.linkedAccounts().retrieve("ann:ü 1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> keybridge.linkedAccounts().upsert(LinkedAccountParams.builder(" ").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errorType()).isEqualTo("invalid_request"));
    }

    @Test
    void doesWalkEveryPageWhenAutoPaging() {
        for (int i = 0; i < 23; i++) {
            keybridge.linkedAccounts().upsert(LinkedAccountParams.builder(String.format("pager-%02d", i)).build());
        }
        keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("other").build());

        Page<LinkedAccount> first = keybridge.linkedAccounts().list(LinkedAccountListParams.builder().limit(10)
                .linkedAccountIdPrefix("pager-").build());
        assertThat(first.data()).hasSize(10);
        assertThat(first.hasMore()).isTrue();

        List<String> all = new ArrayList<>();
        first.autoPagingIterable().forEach(a -> all.add(a.accountId()));
        assertThat(all).hasSize(23).doesNotHaveDuplicates().allMatch(id -> id.startsWith("pager-"));
        assertThat(first.autoPagingStream().map(LinkedAccount::accountId).collect(Collectors.toList())).isEqualTo(all);
        assertThat(keybridge.linkedAccounts().list().autoPagingStream().count()).isEqualTo(24);
    }

    @Test
    void doesContinueAListingFromASavedCursorWhenAutoPaging() {
        for (int i = 0; i < 7; i++) {
            keybridge.linkedAccounts().upsert(LinkedAccountParams.builder(String.format("saved-%02d", i)).build());
        }
        LinkedAccountListParams.Builder filter = LinkedAccountListParams.builder().limit(3).linkedAccountIdPrefix("saved-");
        Page<LinkedAccount> first = keybridge.linkedAccounts().list(filter.build());
        String saved = first.nextCursor();
        assertThat(saved).isNotBlank();
        List<String> all = first.autoPagingStream().map(LinkedAccount::accountId).collect(Collectors.toList());

        Page<LinkedAccount> resumed = keybridge.linkedAccounts().list(filter.cursor(saved).build());

        assertThat(resumed.data()).extracting(LinkedAccount::accountId).containsExactlyElementsOf(all.subList(3, 6));
        List<String> rest = new ArrayList<>();
        resumed.autoPagingIterable().forEach(a -> rest.add(a.accountId()));
        assertThat(rest).containsExactlyElementsOf(all.subList(3, 7));
        assertThat(keybridge.linkedAccounts().list(filter.cursor(null).build()).data().get(0).accountId())
                .as("no cursor: from the start").isEqualTo(all.get(0));
        assertThatThrownBy(() -> keybridge.linkedAccounts().list(LinkedAccountListParams.builder().cursor("garbage").build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void doesAuthenticateWithClientCredentialsAndRefuseAWrongKey() {
        Keybridge byClient = Keybridge.builder().clientCredentials(org.test().clientId(), org.test().clientSecret())
                .baseUrl(server.baseUrl()).build();
        byClient.linkedAccounts().upsert(LinkedAccountParams.builder("by-client").build());
        assertThat(keybridge.linkedAccounts().retrieve("by-client").accountId()).isEqualTo("by-client");

        Keybridge wrong = Keybridge.builder().apiKey("kb_test_not_a_real_key_000000000").baseUrl(server.baseUrl()).build();
        assertThatThrownBy(() -> wrong.linkedAccounts().list())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("unauthorized");
                });
        assertThat(keybridge.toString()).doesNotContain(org.test().apiKey());
        assertThat(byClient.toString()).doesNotContain(org.test().clientSecret());
    }

    @Test
    void doesSendThroughAPluggedInTransportOrHttpClient() {
        List<TransportRequest> sent = new CopyOnWriteArrayList<>();
        JdkHttpTransport jdk = new JdkHttpTransport(
                HttpClient.newHttpClient());
        Keybridge traced = Keybridge.builder().apiKey(org.test().apiKey()).baseUrl(server.baseUrl())
                .transport(request -> {
                    sent.add(request);
                    return jdk.send(request);
                }).build();

        traced.linkedAccounts().upsert(LinkedAccountParams.builder("traced").build());

        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.headers()).containsEntry("user-agent", "keybridge-sdk-java/0.1.0");
            assertThat(r.toString()).doesNotContain(org.test().apiKey());
        });
        Keybridge own = Keybridge.builder().apiKey(org.test().apiKey()).baseUrl(server.baseUrl() + "/")
                .httpClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build())
                .build();
        assertThat(own.linkedAccounts().retrieve("traced").accountId()).isEqualTo("traced");
    }

    @Test
    void doesKeepEnvironmentsApartWhenTheSameIdIsUsed() {
        Keybridge production = Keybridge.builder().apiKey(org.production().apiKey()).baseUrl(server.baseUrl()).build();
        keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("env-1").name("test one").build());
        assertThatThrownBy(() -> production.linkedAccounts().retrieve("env-1")).isInstanceOf(NotFoundException.class);
    }
}
