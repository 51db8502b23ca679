package dev.keybridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.keybridge.support.Api;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two Keybridge processes (the built jar) on one PostgreSQL behind HAProxy. Through the balancer:
 * Link completions (sandbox public tokens, exchanged), a webhook endpoint on a local receiver, a
 * refresh wave, then upserts and more completions while one node is killed with SIGKILL, then a
 * second refresh wave on the survivor. Proves: no acknowledged write or completion lost, every event
 * delivered at least once (duplicates counted and printed), every token refreshed exactly once per
 * wave (refresh grants counted where the provider is reached).
 */
class TwoNodeIT {

    private static final String ADMIN = "two-node-admin-token-0123456789abcdef";
    private static final int CONNECTIONS = 30;

    @Test
    void doesLoseNothingAndRefreshEachTokenOnceWhenOneOfTwoNodesIsKilled() throws Exception {
        String databaseUrl = TestDatabase.get().createDatabase();
        try (TokenCounter provider = new TokenCounter(); Receiver receiver = new Receiver()) {
            Map<String, String> env = nodeEnvironment(databaseUrl, provider.url());
            try (JarNode one = JarNode.start("two-node-1", withDataDir(env));
                 JarNode two = JarNode.start("two-node-2", withDataDir(env))) {
                int portOne = one.awaitPort();
                int portTwo = two.awaitPort();
                try (HaProxy lb = HaProxy.start(List.of(portOne, portTwo))) {
                    provider.forwardTo(lb.url());
                    run(new Api(lb.url()), provider, receiver, databaseUrl, two);
                }
            }
        }
    }

    private void run(Api lb, TokenCounter provider, Receiver receiver, String databaseUrl, JarNode victim) throws Exception {
        // HAProxy binds its port a moment after it starts: a refused connection is "not yet".
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> lb.get("/actuator/health/readiness").status() == 200);
        TestOrganization org = TestOrganization.create(lb.withHeader("authorization", "Bearer " + ADMIN), "two-node");
        Api keyed = org.test().withKey(lb);
        Api.Response endpoint = keyed.post("/api/v2/public/webhook", Map.of("webhook_url", receiver.url(), "webhook_events", List.of()));
        assertThat(endpoint.status()).as(endpoint.text()).isEqualTo(201);

        Set<String> tokens = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < CONNECTIONS; i++) {
            String token = completeLink(keyed, "conn-" + i);
            assertThat(token).as("completion %d with both nodes up", i).isNotNull();
            tokens.add(token);
        }

        Wave first = refreshWave(keyed, provider, databaseUrl, org.id(), tokens);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            load.add(Thread.ofVirtual().start(() -> {
                for (int n = 0; running.get(); n++) {
                    String id = "w" + writer + "-" + n;
                    int status = status(() -> keyed.put("/api/v2/public/linked-account", Map.of("linked_account_id", id)));
                    answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 200) {
                        acknowledged.add(id);
                    }
                }
            }));
        }
        AtomicInteger completionsDuringKill = new AtomicInteger();
        load.add(Thread.ofVirtual().start(() -> {
            for (int n = 0; running.get(); n++) {
                String token = completeLink(keyed, "late-" + n);
                if (token != null) {
                    tokens.add(token);
                    completionsDuringKill.incrementAndGet();
                }
            }
        }));
        // The node dies under load: upserts and completions go on through the balancer before and after it.
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100 && completionsDuringKill.get() >= 3);
        victim.kill9();
        int acknowledgedAtKill = acknowledged.size();
        int completedAtKill = completionsDuringKill.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= acknowledgedAtKill + 100
                && completionsDuringKill.get() >= completedAtKill + 3);
        running.set(false);
        for (Thread t : load) {
            t.join(Duration.ofSeconds(60));
        }

        Wave second = refreshWave(keyed, provider, databaseUrl, org.id(), tokens);

        Set<String> stored = new HashSet<>(strings(databaseUrl,
                "select external_id from linked_account where org_id = ? and external_id like 'w%'", org.id()));
        long lostWrites = acknowledged.stream().filter(id -> !stored.contains(id)).count();
        long lostCompletions = tokens.stream().filter(t -> keyed.withHeader("access_token", t).get("/v1/connection").status() != 200).count();

        List<String> events = strings(databaseUrl, "select id from event where org_id = ?", org.id());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Set<String> got = receiver.received().stream().filter(Receiver.Received::succeeded)
                    .map(Receiver.Received::eventId).collect(Collectors.toSet());
            return got.containsAll(events);
        });
        Map<String, Long> perEvent = receiver.received().stream().filter(Receiver.Received::succeeded)
                .collect(Collectors.groupingBy(Receiver.Received::eventId, Collectors.counting()));
        long duplicates = perEvent.values().stream().mapToLong(c -> c - 1).sum();

        System.out.printf("FIGURE two-node: %d upserts acknowledged (answers %s), %d lost; %d Link completions "
                        + "(%d while a node died), %d lost; %d events, all delivered, %d duplicate deliveries; "
                        + "refresh waves: %s and %s%n", acknowledged.size(), answers, lostWrites, tokens.size(),
                completionsDuringKill.get(), lostCompletions, events.size(), duplicates, first, second);
        assertThat(lostWrites).as("acknowledged upserts lost").isZero();
        assertThat(lostCompletions).as("acknowledged Link completions lost").isZero();
        assertThat(acknowledged).as("writes went on through the balancer").isNotEmpty();
        assertThat(first.doubleRefreshed()).as("tokens refreshed twice in the first wave").isZero();
        assertThat(second.doubleRefreshed()).as("tokens refreshed twice in the wave after the kill").isZero();
    }

    /** One refresh wave: every connection's token expires; each must be refreshed exactly once. */
    record Wave(int connections, int grants, int distinctRefreshTokens, int refused, int doubleRefreshed) {
        @Override
        public String toString() {
            return connections + " connections, " + grants + " refresh grants at the provider ("
                    + refused + " refused), " + doubleRefreshed + " refreshed twice";
        }
    }

    private Wave refreshWave(Api keyed, TokenCounter provider, String databaseUrl, String orgId, Set<String> tokens)
            throws Exception {
        Map<String, Integer> before = versions(databaseUrl, orgId);
        provider.reset();
        for (String token : tokens) {
            Api.Response r = keyed.post("/sandbox/connection/expire_token", Map.of("access_token", token));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
        }
        // Done when every connection holds a fresh token and no node holds a refresh lease (a token call
        // is made only under one, so none is still under way to count). The SQL's now() is right here: the
        // two nodes are separate processes on this machine's clock, as is PostgreSQL (no test clock).
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                strings(databaseUrl, "select id from connection where org_id = ? and (status <> 'active' "
                        + "or credential_expires_at <= now() + interval '10 minutes' "
                        + "or (lease_owner is not null and lease_until > now()))", orgId).isEmpty());
        Map<String, Integer> after = versions(databaseUrl, orgId);
        List<TokenCounter.Refresh> grants = provider.refreshes();
        int distinct = (int) grants.stream().map(TokenCounter.Refresh::refreshToken).distinct().count();
        int refused = (int) grants.stream().filter(g -> g.status() != 200).count();
        int twice = (int) after.entrySet().stream().filter(e -> e.getValue() - before.getOrDefault(e.getKey(), 0) > 1).count();
        int extraGrants = Math.max(0, grants.size() - tokens.size());
        assertThat(after.values()).allSatisfy(v -> assertThat(v).isPositive());
        return new Wave(tokens.size(), grants.size(), distinct, refused, Math.max(twice, extraGrants));
    }

    /** Sandbox public token (the browserless end of Link) exchanged for an access token; null if refused. */
    private static String completeLink(Api keyed, String account) {
        try {
            Api.Response created = keyed.post("/sandbox/public_token/create",
                    Map.of("linked_account_id", account, "app", "sandbox-oauth"));
            if (created.status() != 200) {
                return null;
            }
            Api.Response exchanged = keyed.post("/link/token/exchange",
                    Map.of("public_token", created.json().get("public_token").asString()));
            return exchanged.status() == 200 ? exchanged.json().get("token").asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int status(Supplier<Api.Response> call) {
        try {
            return call.get().status();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static Map<String, Integer> versions(String url, String orgId) throws Exception {
        Map<String, Integer> map = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement("select id, credential_version from connection where org_id = ?")) {
            s.setString(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    map.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return map;
    }

    private static List<String> strings(String url, String sql, String param) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Map<String, String> nodeEnvironment(String databaseUrl, String publicUrl) throws Exception {
        AeadConfig.register();
        String keyset = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        Map<String, String> env = new HashMap<>();
        env.put("KEYBRIDGE_DATABASE_URL", databaseUrl);
        env.put("KEYBRIDGE_DATABASE_POOL_SIZE", "8");
        env.put("KEYBRIDGE_MASTER_KEY", keyset);
        env.put("KEYBRIDGE_ADMIN_TOKEN", ADMIN);
        env.put("KEYBRIDGE_PUBLIC_URL", publicUrl);
        env.put("KEYBRIDGE_LOG_LEVEL", "WARN");
        env.put("KEYBRIDGE_WEBHOOK_TIMEOUT", "2s");
        env.put("KEYBRIDGE_WEBHOOK_LEASE", "8s");
        env.put("KEYBRIDGE_WEBHOOK_RETRY_SCHEDULE", "200ms,500ms,1s,2s,2s,2s");
        env.put("KEYBRIDGE_WEBHOOK_POLL_INTERVAL", "100ms");
        env.put("KEYBRIDGE_REFRESH_LEASE", "5s");
        env.put("KEYBRIDGE_REFRESH_POLL_INTERVAL", "250ms");
        return env;
    }

    private static Map<String, String> withDataDir(Map<String, String> env) throws Exception {
        Map<String, String> copy = new HashMap<>(env);
        copy.put("KEYBRIDGE_DATA_DIR", Files.createTempDirectory("keybridge-node-").toString());
        return copy;
    }

}
