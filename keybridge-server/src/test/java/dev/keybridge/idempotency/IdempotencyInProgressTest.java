package dev.keybridge.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A key held by a request that has not answered yet (a row written here as another node would):
 * the second request waits and replays, refuses another body at once, takes over a lapsed lease, or
 * gets 409 after the wait.
 */
class IdempotencyInProgressTest extends IntegrationTest {

    private static final String PATH = "/api/v2/public/linked-account";
    /** The first request's answer, as another node stored it (a linked account, as the document says a 201 is). */
    private static final String FIRST_ANSWER = "{\"_id\":\"wait-1\",\"__v\":0,\"name\":\"the first request\"}";

    @Autowired
    Vault vault;

    private static byte[] hash(String body) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(("POST " + PATH + "\n").getBytes(StandardCharsets.UTF_8));
        return sha.digest(body.getBytes(StandardCharsets.UTF_8));
    }

    private void holdKey(TestOrganization org, String key, String body, Duration lockedFor) throws Exception {
        jdbc.sql("""
                insert into idempotency_key (org_id, environment, idempotency_key, request_hash, lock_owner, locked_until,
                  created_at)
                values (?, 'test', ?, ?, 'idem_elsewhere', ?, ?)""")
                .params(org.id(), key, hash(body), Timestamp.from(clock.instant().plus(lockedFor)),
                        Timestamp.from(clock.instant())).update();
    }

    @Test
    void doesWaitForTheRunningRequestAndReplayItsAnswer() throws Exception {
        TestOrganization org = newOrganization();
        String body = "{\"linked_account_id\":\"wait-1\"}";
        holdKey(org, "held-1", body, Duration.ofSeconds(60));
        Api keyed = org.test().withKey(api).withHeader("Idempotency-Key", "held-1");

        CompletableFuture<Api.Response> waiting = CompletableFuture.supplyAsync(() -> keyed.post(PATH, body));
        // It waits for the first request: still unanswered a while after it was sent (it would answer 409 at once otherwise).
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
        byte[] sealed = vault.encrypt(FIRST_ANSWER.getBytes(StandardCharsets.UTF_8),
                new Scope(org.id(), "test", "held-1").vaultContext());
        jdbc.sql("""
                update idempotency_key set status_code = 201, response_headers = '{"Content-Type":"application/json"}',
                       response_ciphertext = ?, completed_at = ?, lock_owner = null, locked_until = null
                 where org_id = ? and idempotency_key = 'held-1'""").params(sealed, Timestamp.from(clock.instant()), org.id()).update();

        Api.Response answer = waiting.get();
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.text()).isEqualTo(FIRST_ANSWER);
        assertThat(answer.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(org.test().withKey(api).get(PATH + "/wait-1").status()).as("did not act").isEqualTo(404);
    }

    @Test
    void doesAnswer409AfterTheWaitAnd422AtOnceWhenTheKeyStaysHeld() throws Exception {
        TestOrganization org = newOrganization();
        String body = "{\"linked_account_id\":\"held-2\"}";
        holdKey(org, "held-2", body, Duration.ofSeconds(60));
        Api keyed = org.test().withKey(api).withHeader("Idempotency-Key", "held-2");

        Api.Response other = keyed.post(PATH, "{\"linked_account_id\":\"other\"}");
        assertThat(other.status()).isEqualTo(422);

        Api.Response busy = keyed.post(PATH, body);
        assertThat(busy.status()).as(busy.text()).isEqualTo(409);
        assertThat(busy.json().get("error").asString()).isEqualTo("idempotency_key_in_progress");
        assertThat(busy.json().get("error_type").asString()).isEqualTo("conflict");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(org.test().withKey(api).get(PATH + "/held-2").status()).isEqualTo(404);
    }

    @Test
    void doesTakeOverAKeyWhoseHolderLeaseLapsed() throws Exception {
        TestOrganization org = newOrganization();
        String body = "{\"linked_account_id\":\"lapsed\"}";
        holdKey(org, "held-3", body, Duration.ofSeconds(-1));

        Api.Response answer = org.test().withKey(api).withHeader("Idempotency-Key", "held-3").post(PATH, body);

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.header("Idempotent-Replayed")).isNull();
        Integer stored = jdbc.sql("select status_code from idempotency_key where org_id = ? and idempotency_key = 'held-3'")
                .params(org.id()).query(Integer.class).single();
        assertThat(stored).isEqualTo(201);
    }
}
