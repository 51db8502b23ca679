package dev.keybridge.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code Idempotency-Key} over HTTP on one node (two nodes: {@link IdempotencyTwoNodeTest}). */
class IdempotencyTest extends IntegrationTest {

    @Autowired
    IdempotencySweep sweep;

    private static Map<String, Object> account(String id) {
        return Map.of("linked_account_id", id, "name", "Ann " + id);
    }

    private int events(TestOrganization org, String type) {
        return jdbc.sql("select count(*) from event where org_id = ? and type = ?").params(org.id(), type)
                .query(Integer.class).single();
    }

    @Test
    void doesReplayTheFirstAnswerWithoutActingTwiceWhenTheSameKeyAndBodyComeAgain() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api).withHeader("Idempotency-Key", "create-ann-1");

        Api.Response first = server.post("/api/v2/public/linked-account", account("ann"));
        Api.Response second = server.post("/api/v2/public/linked-account", account("ann"));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.header("content-type")).startsWith("application/json");
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(events(org, "linked_account.created")).isEqualTo(1);
        // Without the key the same create is a conflict: the replay did not create a second account.
        assertThat(org.test().withKey(api).post("/api/v2/public/linked-account", account("ann")).status()).isEqualTo(409);
    }

    @Test
    void doesRefuseWith422WhenTheKeyComesBackWithAnotherBody() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api).withHeader("Idempotency-Key", "k-422");
        assertThat(server.post("/api/v2/public/linked-account", account("a1")).status()).isEqualTo(201);

        Api.Response other = server.post("/api/v2/public/linked-account", account("a2"));

        assertThat(other.status()).as(other.text()).isEqualTo(422);
        assertThat(other.json().get("error").asString()).isEqualTo("idempotency_key_reused");
        assertThat(other.json().get("error_type").asString()).isEqualTo("invalid_request");
        assertThat(other.json().get("request_id").asString()).isNotBlank();
        assertThat(org.test().withKey(api).get("/api/v2/public/linked-account/a2").status()).isEqualTo(404);
    }

    @Test
    void doesActOnceWhenConcurrentRequestsShareOneKey() throws Exception {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api).withHeader("Idempotency-Key", "concurrent-1");
        List<Api.Response> answers = concurrently(8, () -> server.post("/api/v2/public/linked-account", account("c1")));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(201));
        assertThat(answers).extracting(Api.Response::text).containsOnly(answers.getFirst().text());
        assertThat(answers).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(events(org, "linked_account.created")).isEqualTo(1);
    }

    @Test
    void doesKeepKeysApartWhenOrganizationsOrEnvironmentsDiffer() {
        TestOrganization one = newOrganization();
        TestOrganization two = newOrganization();
        String key = "shared-key";

        assertThat(one.test().withKey(api).withHeader("Idempotency-Key", key)
                .post("/api/v2/public/linked-account", account("x")).status()).isEqualTo(201);
        assertThat(two.test().withKey(api).withHeader("Idempotency-Key", key)
                .post("/api/v2/public/linked-account", account("y")).status()).isEqualTo(201);
        assertThat(one.production().withKey(api).withHeader("Idempotency-Key", key)
                .post("/api/v2/public/linked-account", account("z")).status()).isEqualTo(201);
        assertThat(events(one, "linked_account.created")).isEqualTo(2);
        assertThat(events(two, "linked_account.created")).isEqualTo(1);
    }

    @Test
    void doesReplayTheSameSessionTokenAndKeepItSealedWhenStored() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        server.put("/api/v2/public/linked-account", account("s1"));
        Api keyed = server.withHeader("Idempotency-Key", "session-1");

        Api.Response first = keyed.post("/api/v2/public/session-token", Map.of("linked_account_id", "s1"));
        Api.Response again = keyed.post("/api/v2/public/session-token", Map.of("linked_account_id", "s1"));

        String token = first.json().get("token").asString();
        assertThat(again.json().get("token").asString()).isEqualTo(token);
        byte[] stored = jdbc.sql("select response_ciphertext from idempotency_key where org_id = ?").params(org.id())
                .query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(token).doesNotContain("token");
    }

    @Test
    void doesExchangeOncePerKeyWhenTheExchangeIsRetried() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        String publicToken = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "ex1", "app", "sandbox-ehr")).json().get("public_token").asString();
        Api keyed = server.withHeader("Idempotency-Key", "exchange-1");

        Api.Response first = keyed.post("/link/token/exchange", Map.of("public_token", publicToken));
        Api.Response retried = keyed.post("/link/token/exchange", Map.of("public_token", publicToken));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("token").asString()).isEqualTo(first.json().get("token").asString());
        // The public token is single-use: a second real exchange fails, so the retry above was a replay.
        assertThat(server.post("/link/token/exchange", Map.of("public_token", publicToken)).status()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void doesCreateOneEndpointAndRedeliverOnceWhenKeyedRequestsRepeat() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        try (Receiver receiver = new Receiver()) {
            Map<String, Object> create = Map.of("webhook_url", receiver.url(), "webhook_events", List.of());
            Api.Response a = server.withHeader("Idempotency-Key", "ep-1").post("/api/v2/public/webhook", create);
            Api.Response b = server.withHeader("Idempotency-Key", "ep-1").post("/api/v2/public/webhook", create);
            assertThat(a.status()).as(a.text()).isEqualTo(201);
            assertThat(b.json().get("secret").asString()).isEqualTo(a.json().get("secret").asString());
            assertThat(server.get("/api/v2/public/webhook").json().get("docs")).hasSize(1);

            String endpointId = a.json().get("id").asString();
            server.put("/api/v2/public/linked-account", account("w1"));
            String eventId = jdbc.sql("select id from event where org_id = ?").params(org.id()).query(String.class).single();
            Api keyed = server.withHeader("Idempotency-Key", "redeliver-1");
            String path = "/api/v2/public/webhook/" + endpointId + "/redeliver";
            assertThat(keyed.post(path, Map.of("event_id", eventId)).status()).isEqualTo(202);
            assertThat(keyed.post(path, Map.of("event_id", eventId)).status()).isEqualTo(202);

            int manual = jdbc.sql("select count(*) from webhook_delivery where endpoint_id = ? and event_id = ? and manual")
                    .params(endpointId, eventId).query(Integer.class).single();
            assertThat(manual).isEqualTo(1);
        }
    }

    @Test
    void doesRefuseAMalformedKeyAndIgnoreKeysOnOtherRoutes() {
        TestOrganization org = newOrganization();
        Api.Response bad = org.test().withKey(api).withHeader("Idempotency-Key", "x".repeat(256))
                .post("/api/v2/public/linked-account", account("m1"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asString()).isEqualTo("invalid_idempotency_key");

        Api upsert = org.test().withKey(api).withHeader("Idempotency-Key", "put-1");
        upsert.put("/api/v2/public/linked-account", account("m2"));
        Api.Response put = upsert.put("/api/v2/public/linked-account", Map.of("linked_account_id", "m2", "name", "B"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("Idempotent-Replayed")).isNull();
    }

    @Autowired
    IdempotentRoutes routes;

    /** The create/act calls that were listed by hand before {@code @Idempotent}: the same ones, no more. */
    @Test
    void doesHonourTheKeyOnTheAnnotatedHandlersOnlyWhenLearnedFromTheRunningServer() {
        assertThat(routes.covers("POST", "/api/v2/public/linked-account")).isTrue();
        assertThat(routes.covers("POST", "/api/v2/public/session-token")).isTrue();
        assertThat(routes.covers("POST", "/link/token/create")).isTrue();
        assertThat(routes.covers("POST", "/link/token/exchange")).isTrue();
        assertThat(routes.covers("POST", "/api/v2/public/webhook")).isTrue();
        assertThat(routes.covers("POST", "/api/v2/public/webhook/whe_0123456789abcdef/redeliver")).isTrue();
        assertThat(routes.covers("PUT", "/api/v2/public/migrate-token")).isTrue();

        assertThat(routes.covers("PUT", "/api/v2/public/linked-account")).isFalse();
        assertThat(routes.covers("GET", "/link/token/exchange")).isFalse();
        assertThat(routes.covers("POST", "/api/v2/public/session-token/revoke")).isFalse();
        assertThat(routes.covers("POST", "/api/v2/public/webhook/ep_1/replay")).isFalse();
        assertThat(routes.covers("POST", "/api/v2/public/webhook/subscribe")).isFalse();
    }

    @Test
    void doesForgetKeysWhenTheyAreOlderThanTheTtl() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api).withHeader("Idempotency-Key", "old-1");
        assertThat(server.post("/api/v2/public/linked-account", account("o1")).status()).isEqualTo(201);
        assertThat(server.post("/api/v2/public/linked-account", account("o2")).status()).isEqualTo(422);

        jdbc.sql("update idempotency_key set created_at = ? where org_id = ?")
                .params(Timestamp.from(clock.instant().minus(Duration.ofHours(25))), org.id()).update();
        // An expired key is a new key: the other body now acts.
        assertThat(server.post("/api/v2/public/linked-account", account("o2")).status()).isEqualTo(201);

        jdbc.sql("update idempotency_key set created_at = ? where org_id = ?")
                .params(Timestamp.from(clock.instant().minus(Duration.ofHours(25))), org.id()).update();
        sweep.sweepOnce();
        int left = jdbc.sql("select count(*) from idempotency_key where org_id = ?").params(org.id())
                .query(Integer.class).single();
        assertThat(left).isZero();
    }

    @Autowired
    List<SealedColumn> sealedColumns;

    @Autowired
    Vault vault;

    /**
     * Master-key rotation finds the sealed answers through their SealedColumn bean; its context must be
     * the one they were sealed with. (A full rotation is KeyRotationTest's: run here, it would trip over
     * rows other tests corrupt on purpose.)
     */
    @Test
    void doesDeclareTheSealedAnswersForMasterKeyRotation() {
        TestOrganization org = newOrganization();
        org.test().withKey(api).withHeader("Idempotency-Key", "rotate-1").post("/api/v2/public/linked-account", account("rk"));
        SealedColumn column = sealedColumns.stream()
                .filter(c -> c.table().equals("idempotency_key")).findFirst().orElseThrow();
        Map<String, Object> row = jdbc.sql("""
                select org_id, environment, idempotency_key, response_ciphertext from idempotency_key where org_id = ?""")
                .params(org.id()).query().singleRow();

        byte[] plain = vault.decrypt((byte[]) row.get("response_ciphertext"),
                column.context().apply(new SealedColumn.Row(row)));

        assertThat(new String(plain, StandardCharsets.UTF_8)).contains("\"account_id\":\"rk\"");
        assertThat(column.column()).isEqualTo("response_ciphertext");
    }

    static List<Api.Response> concurrently(int n, Callable<Api.Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Response> out = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }
}
