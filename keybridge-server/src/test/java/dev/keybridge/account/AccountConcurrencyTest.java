package dev.keybridge.account;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccountConcurrencyTest extends IntegrationTest {

    private static final String PATH = "/api/v2/public/linked-account";

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void organization() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    @Test
    void doesMakeExactlyOneAccountWhen50UpsertsOfOneNewIdRace() throws Exception {
        List<Api.Response> responses = race(50, i -> server.put(PATH, account("racer").name("Same").body()));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(200));
        assertThat(responses.stream().filter(r -> "created".equals(r.header("x-keybridge-result")))).hasSize(1);
        assertThat(responses.stream().map(r -> r.json().get("_id").asString()).distinct()).hasSize(1);
        long rows = jdbc.sql("select count(*) from linked_account where org_id = ? and external_id = 'racer'")
                .param(org.id()).query(Long.class).single();
        assertThat(rows).isEqualTo(1);
        assertThat(server.get(PATH + "/racer").json().get("__v").asInt()).isZero();
    }

    @Test
    void doesLoseNoUdfKeyWhenParallelUpsertsWriteDifferentKeys() throws Exception {
        server.put(PATH, account("merger").body());

        race(50, i -> server.put(PATH, account("merger").udf("key" + i, i).body()));

        JsonNode a = server.get(PATH + "/merger").json();
        assertThat(a.get("udf")).hasSize(50);
        assertThat(a.get("__v").asInt()).isEqualTo(50);
        long updates = jdbc.sql("select count(*) from event where org_id = ? and type = 'linked_account.updated'")
                .param(org.id()).query(Long.class).single();
        assertThat(updates).isEqualTo(50);
    }

    private static List<Api.Response> race(int n, IntFunction<Api.Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
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
