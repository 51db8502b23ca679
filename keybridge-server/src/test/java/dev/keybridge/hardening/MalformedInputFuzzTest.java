package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes every operation of the served OpenAPI document (and {@code /error}) with malformed
 * requests over real sockets, including malformed request lines and headers, and asserts: no 5xx,
 * every answer a 4xx in the wire error shape, and not one row changed in the database.
 */
class MalformedInputFuzzTest extends IntegrationTest {

    private static final int REQUESTS = 6_000;
    private static final long SEED = 20261130L;
    private static final Set<String> ERROR_TYPES = Set.of("invalid_request", "authentication", "not_found", "conflict",
            "rate_limited", "connection", "internal");

    @Test
    void doesRefuseEveryMalformedRequestIn4xxErrorShapeWithoutSideEffectWhenFuzzed() {
        TestOrganization org = newOrganization();
        String accountId = "fuzz-existing";
        var server = org.test().withKey(api);
        assertThat(server.put("/api/v2/public/linked-account", Accounts.account(accountId).name("Fuzz").body()).status())
                .isEqualTo(200);
        String session = server.post("/api/v2/public/session-token",
                Map.of("linked_account_id", accountId)).json().get("token").asString();
        List<MalformedRequests.Operation> ops = operations();
        MalformedRequests generator = new MalformedRequests(new MalformedRequests.Known(
                org.test().apiKey(), ADMIN_TOKEN, session, accountId, org.id()));

        Map<String, String> before = TableChecksum.of(jdbc, org.id());
        AtomicInteger fiveXx = new AtomicInteger();
        AtomicInteger shapeMisses = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> perOperation = new ConcurrentHashMap<>();
        IntStream.range(0, REQUESTS).parallel().forEach(i -> {
            Random random = new Random(SEED + i);
            MalformedRequests.Operation op = ops.get(i % ops.size());
            MalformedRequests.Case c = random.nextInt(8) == 0 ? generator.raw(op, random) : generator.generate(op, random);
            perOperation.computeIfAbsent(op.method() + " " + op.path(), k -> new AtomicInteger()).incrementAndGet();
            RawHttp.Answer answer = RawHttp.exchange(port, c.bytes());
            String problem = problem(answer);
            if (answer.status() >= 500) {
                fiveXx.incrementAndGet();
            }
            if (problem != null) {
                shapeMisses.incrementAndGet();
                if (failures.size() < 25) {
                    failures.add(op.method() + " " + op.path() + " [" + c.defects() + "] -> " + answer.status() + " "
                            + problem + " " + abbreviate(answer.body()) + "\n    sent: "
                            + abbreviate(new String(c.bytes(), StandardCharsets.ISO_8859_1)));
                }
            }
        });
        Map<String, String> after = TableChecksum.of(jdbc, org.id());
        long changedTables = before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).count();
        System.out.printf("FUZZ requests=%d operations=%d 5xx=%d error-shape-misses=%d tables-changed=%d%n",
                REQUESTS, ops.size(), fiveXx.get(), shapeMisses.get(), changedTables);

        assertThat(failures).as("answers that were not a 4xx in the error shape").isEmpty();
        assertThat(fiveXx.get()).isZero();
        assertThat(after).as("every table, before and after").isEqualTo(before);
        assertThat(perOperation).hasSize(ops.size());
        assertThat(perOperation.values()).allSatisfy(n -> assertThat(n.get()).isGreaterThanOrEqualTo(REQUESTS / ops.size()));
    }

    /** Null when the answer is a 4xx in the wire error shape, else what is wrong with it. */
    private static String problem(RawHttp.Answer answer) {
        if (answer.status() == 0) {
            return "no HTTP answer";
        }
        if (answer.status() < 400 || answer.status() >= 500) {
            return "status outside 4xx";
        }
        String type = answer.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return "content-type " + type;
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            return "body not JSON";
        }
        boolean shaped = body.isObject() && body.path("success").isBoolean() && !body.path("success").asBoolean()
                && body.path("error").isString() && !body.path("error").asString().isEmpty()
                && body.path("message").isString() && ERROR_TYPES.contains(body.path("error_type").asString(""))
                && body.path("request_id").isString() && !body.path("request_id").asString().isEmpty();
        return shaped ? null : "not the error shape";
    }

    private List<MalformedRequests.Operation> operations() {
        JsonNode doc = api.openApiDocument().json();
        List<MalformedRequests.Operation> ops = new ArrayList<>();
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (method.equals("HEAD")) {
                    continue; // no body to hold an error shape
                }
                List<String> query = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    if (p.path("in").asString("").equals("query")) {
                        query.add(p.get("name").asString());
                    }
                }
                ops.add(new MalformedRequests.Operation(method, path.getKey(), query, op.getValue().has("requestBody")));
            }
        }
        ops.add(new MalformedRequests.Operation("GET", "/error", List.of(), false));
        assertThat(ops).hasSizeGreaterThan(40);
        return ops;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String abbreviate(String s) {
        String flat = s.replace("\r\n", "\\r\\n");
        return flat.length() > 240 ? flat.substring(0, 240) + "…" : flat;
    }
}
