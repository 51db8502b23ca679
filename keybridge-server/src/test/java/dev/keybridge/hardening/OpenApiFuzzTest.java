package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Property-based fuzz generated from the OpenAPI document (docs/openapi.json, the one the server serves): for every
 * operation, requests made from its schemas (valid, boundary and invalid: see {@link OpenApiRequests}),
 * with real credentials of an organization that has linked accounts, connections, a webhook endpoint,
 * a config schema and a config, so paths and bodies often name rows that exist. Asserts no 5xx, every
 * 4xx of Keybridge's own in the wire error shape with its request id, and every status declared by the
 * document for its operation ({@code -Dkeybridge.fuzz.strict-statuses=false} only reports them). Seeded:
 * {@code -Dkeybridge.fuzz.seed}, {@code -Dkeybridge.fuzz.requests}, {@code -Dkeybridge.fuzz.only=<#,#>}.
 */
class OpenApiFuzzTest extends IntegrationTest {

    /** The document the server serves (OpenApiDocumentTest keeps them equal). */
    static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");
    private static final long SEED = Long.getLong("keybridge.fuzz.seed", 20261207L);
    private static final int REQUESTS = Integer.getInteger("keybridge.fuzz.requests", 5_000);
    private static final boolean STRICT_STATUSES = Boolean.parseBoolean(System.getProperty("keybridge.fuzz.strict-statuses", "true"));
    private static final int THREADS = 8;
    /** Apps that exist; none whose key check calls a real provider (stripe's save would call api.stripe.com). */
    private static final List<String> SLUGS = List.of("sandbox-keys", "sandbox-ehr", "sandbox-oauth", "github");

    @Test
    void doesAnswerEveryGeneratedRequestWithoutServerErrorAndWithTheErrorShapeWhenFuzzedFromTheDocument()
            throws Exception {
        OpenApiOperations doc = new OpenApiOperations(Api.JSON.readTree(Files.readString(DOCUMENT)));
        OpenApiRequests generator = new OpenApiRequests(doc, known(newOrganization()));
        List<OpenApiOperations.Op> ops = doc.ops();
        assertThat(ops).hasSizeGreaterThan(70);
        int[] indices = System.getProperty("keybridge.fuzz.only") == null ? IntStream.range(0, REQUESTS).toArray()
                : Arrays.stream(System.getProperty("keybridge.fuzz.only").split(",")).mapToInt(Integer::parseInt).toArray();
        FuzzVerdicts verdicts = new FuzzVerdicts();
        Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i : indices) {
                done.add(pool.submit(() -> {
                    OpenApiRequests.Case c = generator.generate(i, ops.get(i % ops.size()), new Random(mix(SEED, i)));
                    long sent = System.nanoTime();
                    RawHttp.Answer answer = RawHttp.exchange(port, c.bytes());
                    nanos.computeIfAbsent(c.op().key(), k -> new LongAdder()).add(System.nanoTime() - sent);
                    verdicts.judge(c, answer);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String report = verdicts.report(SEED, REQUESTS);
        Map<String, Map<Integer, Integer>> statuses = verdicts.statuses();
        long successes = statuses.values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getKey() < 300).mapToLong(Map.Entry::getValue).sum();
        String slowest = nanos.entrySet().stream().sorted(Comparator.comparingLong(e -> -e.getValue().sum())).limit(8)
                .map(e -> e.getKey() + "=" + e.getValue().sum() / 1_000_000 + "ms").toList().toString();
        System.out.printf("OPENAPI-FUZZ requests=%d operations=%d millis=%d 2xx=%d slowest=%s%n%s%n%s%n", indices.length,
                ops.size(), millis, successes, slowest, statuses, report);

        assertThat(verdicts.failed(STRICT_STATUSES)).as(report).isFalse();
        if (indices.length == REQUESTS) {
            assertThat(statuses).as("every operation was fuzzed").hasSize(ops.size());
            assertThat(successes).as("valid requests reach the handlers and succeed").isGreaterThan(REQUESTS / 10);
        }
    }

    /** The fuzzing organization: accounts, connections, tokens, a webhook endpoint, a config schema and a config. */
    private OpenApiRequests.Known known(TestOrganization org) {
        Api server = org.test().withKey(api);
        List<String> accounts = List.of("fz-a1", "fz-a2", "fz-a3");
        for (String id : List.of("fz-a1", "fz-a2", "fz-a3", "fz-holder")) {
            assertThat(server.put("/api/v2/public/linked-account", Accounts.account(id).name("Fuzz").body()).status())
                    .isEqualTo(200);
        }
        String session = sessionToken(server, "fz-holder"); // never named by a request: stays valid
        List<String> accessTokens = new ArrayList<>();
        List<String> publicTokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Api.Response created = server.post("/sandbox/public_token/create",
                    Map.of("linked_account_id", accounts.get(i % 3), "app", SLUGS.get(i % 3)));
            assertThat(created.status()).as(created.text()).isEqualTo(200);
            String publicToken = created.json().get("public_token").asString();
            if (i < 3) {
                accessTokens.add(LinkTokens.exchange(server, publicToken));
            } else {
                publicTokens.add(publicToken);
            }
        }
        List<String> connections = new ArrayList<>();
        for (String id : accounts) {
            server.get("/api/v2/public/linked-account/" + id + "/connections").json()
                    .forEach(c -> connections.add(c.get("id").asString()));
        }
        JsonNode endpoint = server.post("/api/v2/public/webhook",
                Map.of("webhook_url", "http://127.0.0.1:9/hook", "is_enabled", false)).json();
        assertThat(server.put("/api/v2/public/config-schema/sandbox-keys", Map.of("fields", List.of(Map.of("id", "limit",
                "name", "Limit", "type", "number", "required", false)))).status()).isEqualTo(200);
        assertThat(server.post("/api/v2/public/config", Map.of("linked_account_id", "fz-a1", "slug", "sandbox-keys",
                "config_id", "fz-cfg")).status()).isEqualTo(200);
        List<String> throwaway = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            throwaway.add(admin.post("/admin/v1/organizations/" + org.id() + "/credentials",
                    Map.of("environment", "test", "kind", "api_key")).json().get("id").asString());
        }
        Map<String, List<String>> pools = new LinkedHashMap<>();
        for (String name : List.of("linkedaccountid", "id", "userid")) {
            pools.put(name, accounts);
        }
        pools.put("connectionid", connections);
        pools.put("endpointid", List.of(endpoint.get("id").asString()));
        pools.put("configid", List.of("fz-cfg"));
        pools.put("credentialid", throwaway);
        pools.put("orgid", List.of(org.id()));
        for (String name : List.of("slug", "app", "apps")) {
            pools.put(name, SLUGS);
        }
        pools.put("accesstoken", accessTokens);
        pools.put("token", List.of(sessionToken(server, "fz-a1"), sessionToken(server, "fz-a2")));
        pools.put("publictoken", publicTokens);
        pools.put("webhookurl", List.of("http://127.0.0.1:9/hook"));
        for (String name : List.of("webhookevents", "webhookevent")) {
            pools.put(name, List.of("connection.created", "linked_account.updated", "access_token.login_required",
                    "Connection Created", "LOGIN_REPAIRED", "*"));
        }
        pools.put("status", List.of("pending", "delivered", "failed", "dead"));
        pools.put("reason", List.of("password_expired", "otp_expired", "consent_revoked", "invalid_credentials"));
        pools.put("language", List.of("en", "fr", "de", "xx"));
        pools.put("redirecturi", List.of("https://app.example.com/done"));
        return new OpenApiRequests.Known(org.test().apiKey(), org.test().clientId(), org.test().clientSecret(),
                org.production().apiKey(), ADMIN_TOKEN, session, pools);
    }

    private static String sessionToken(Api server, String accountId) {
        Api.Response r = server.post("/api/v2/public/session-token", Map.of("linked_account_id", accountId));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("token").asString();
    }

    /** A well-spread seed for request {@code i} (java.util.Random's neighbouring seeds start alike). */
    static long mix(long seed, int i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
