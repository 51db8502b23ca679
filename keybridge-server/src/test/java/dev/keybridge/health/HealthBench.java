package dev.keybridge.health;

import dev.keybridge.support.Api;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Connection-health bench, one run, one local upstream ({@link FakeProvider} on loopback). Not part
 * of the suite (the name does not end in Test); run it with {@code bench/health/run.sh}.
 *
 * <p>Phase 1: the same small GET against the upstream directly and through {@code /v1/proxy}
 * (credential injected), BENCH_CONCURRENCY clients for BENCH_SECONDS each, after a warm-up:
 * requests/s, p50 and p99. Phase 2: BENCH_CONNECTIONS OAuth2 connections whose tokens all expire
 * at the same moment; the time until the background refresher has refreshed every one, and the
 * number of token calls it made (exactly one per connection when nothing is duplicated).
 */
class HealthBench extends HealthIntegrationTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void measure() throws Exception {
        int concurrency = intEnv("BENCH_CONCURRENCY", 32);
        int seconds = intEnv("BENCH_SECONDS", 10);
        int total = intEnv("BENCH_CONNECTIONS", 10_000);
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        enable(server, "fake-keys");
        enable(server, "fake-oauth");
        String token = connect(org, Environment.TEST, "bench", "fake-keys", Map.of("api_key", "bench-key"), null);

        HttpRequest direct = HttpRequest.newBuilder(URI.create(FAKE.base() + "/api/ping")).header("x-key", "bench-key").GET().build();
        HttpRequest proxied = HttpRequest.newBuilder(URI.create(api.base() + "/v1/proxy/ping"))
                .header("x-api-key", org.test().apiKey()).header("access_token", token).GET().build();
        load(direct, concurrency, 3);
        load(proxied, concurrency, 3);
        String directLine = "direct:  " + load(direct, concurrency, seconds);
        String proxyLine = "proxied: " + load(proxied, concurrency, seconds);

        String refreshLine = refreshWave(org, total);
        String report = String.format("""
                health bench (%s, %d cores)
                phase 1: GET /api/ping, %d concurrent clients, %d s each after a 3 s warm-up
                  %s
                  %s
                phase 2: %s
                """, Instant.now(), Runtime.getRuntime().availableProcessors(), concurrency, seconds, directLine,
                proxyLine, refreshLine);
        System.out.print(report);
        Files.writeString(Path.of("target", "health-bench.txt"), report);
    }

    private String refreshWave(TestOrganization org, int total) {
        Api server = org.test().withKey(api);
        server.put("/api/v2/public/linked-account", Map.of("linked_account_id", "wave"));
        String account = jdbc.sql("select id from linked_account where org_id = ? and external_id = 'wave'")
                .param(org.id()).query(String.class).single();
        Instant later = clock.instant().plusSeconds(7200);
        for (int i = 0; i < total; i += 500) {
            int n = Math.min(500, total - i);
            tx.executeWithoutResult(s -> {
                for (int k = 0; k < n; k++) {
                    connections.create(org.id(), Environment.TEST, account, "fake-oauth", null, FAKE.grant(), later, null);
                }
            });
        }
        int callsBefore = FAKE.tokenCalls.get();
        long start = System.nanoTime();
        jdbc.sql("update connection set credential_expires_at = now() where org_id = ? and app_slug = 'fake-oauth'").param(org.id()).update();
        long left;
        do {
            sleep(50);
            left = jdbc.sql("select count(*) from connection where org_id = ? and app_slug = 'fake-oauth' and credential_version = 1")
                    .param(org.id()).query(Long.class).single();
        } while (left > 0 && System.nanoTime() - start < Duration.ofMinutes(10).toNanos());
        double took = (System.nanoTime() - start) / 1e9;
        long failed = jdbc.sql("select count(*) from connection where org_id = ? and app_slug = 'fake-oauth' and status <> 'active'").param(org.id())
                .query(Long.class).single();
        return String.format("%d connections expiring at once: all refreshed in %.2f s (%.0f refreshes/s), %d token calls, "
                        + "%d not active, %d left unrefreshed", total, took, total / took, FAKE.tokenCalls.get() - callsBefore,
                failed, left);
    }

    private static String load(HttpRequest request, int concurrency, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                int errors = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long t = System.nanoTime() - t0;
                    if (r.statusCode() != 200) {
                        errors++;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = t;
                }
                long[] out = Arrays.copyOf(latencies, n + 1);
                out[n] = errors;
                return out;
            }));
        }
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (Future<long[]> f : workers) {
            long[] l = f.get();
            for (int i = 0; i < l.length - 1; i++) {
                all.add(l[i]);
            }
            errors += l[l.length - 1];
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("%d requests in %d s = %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d non-200", sorted.length, seconds,
                sorted.length / (double) seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                errors);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v);
    }
}
