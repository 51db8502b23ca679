package dev.keybridge.bench;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.keybridge.account.AccountView;
import dev.keybridge.events.EventType;
import dev.keybridge.events.Events;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestDatabase;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook delivery throughput and delay on one node against a fast local receiver. Not part of
 * the test suite (the name does not end in Test); run it with {@code bench/webhooks/run.sh}. Delivery settings
 * are the production defaults (32 workers, 16 in flight per endpoint, 250 ms poll, 10 s timeout).
 *
 * <p>Phase 1 (throughput): BENCH_EVENTS events written in transactions of 100 as fast as
 * possible; events/s = events / (last arrival - first write), and events / (last arrival - first
 * arrival) for the delivery side alone (writing competes for the same CPUs). Phase 2 (delay): BENCH_RATE
 * events/s, one per transaction, for BENCH_SECONDS; delay = arrival at the receiver - commit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookBench {

    private static final String DATABASE_URL = TestDatabase.get().createDatabase();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("keybridge-bench-");
        registry.add("keybridge.database.url", () -> DATABASE_URL);
        registry.add("keybridge.data-dir", dataDir::toString);
        registry.add("keybridge.admin-token", () -> IntegrationTest.ADMIN_TOKEN);
        registry.add("keybridge.database.pool-size", () -> "20");
        registry.add("logging.level.root", () -> "WARN");
        // Everything else (workers, per-endpoint cap, poll interval, timeout) is the production default.
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Events events;

    @Autowired
    TransactionTemplate tx;

    private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();

    @Test
    void measure() throws Exception {
        int total = intEnv("BENCH_EVENTS", 5000);
        int rate = intEnv("BENCH_RATE", 200);
        int seconds = intEnv("BENCH_SECONDS", 10);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            long now = System.nanoTime();
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                arrivedAt.putIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), now);
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException ignored) {
                // the sender went away
            }
        });
        receiver.start();
        try {
            Api api = new Api("http://127.0.0.1:" + port);
            TestOrganization org = TestOrganization.create(
                    api.withHeader("authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN), "bench");
            int status = org.test().withKey(api).post("/api/v2/public/webhook",
                    Map.of("webhook_url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")).status();
            if (status != 201) {
                throw new IllegalStateException("endpoint not created: " + status);
            }
            warmUp(org.id());
            String throughput = throughput(org.id(), total);
            String delay = delay(org.id(), rate, seconds);
            String retries = jdbc.sql("select count(*) || ' attempts not 2xx' || coalesce(': ' || string_agg(distinct "
                            + "left(coalesce(error, status_code::text), 80), '; '), '') from webhook_attempt "
                            + "where status_code is null or status_code >= 300")
                    .query(String.class).single();
            String report = "webhook bench: " + throughput + "\n" + "webhook bench: " + delay + "\n"
                    + "webhook bench: " + retries + "\n";
            System.out.print(report);
            Files.writeString(Path.of("target", "webhook-bench.txt"), report);
        } finally {
            receiver.stop(0);
        }
    }

    private void warmUp(String orgId) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add(tx.execute(s -> emit(orgId)));
        }
        awaitAll(ids);
    }

    private String throughput(String orgId, int total) {
        List<String> ids = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i += 100) {
            int n = Math.min(100, total - i);
            ids.addAll(tx.execute(s -> {
                List<String> batch = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    batch.add(emit(orgId));
                }
                return batch;
            }));
        }
        long written = System.nanoTime();
        awaitAll(ids);
        long first = ids.stream().mapToLong(arrivedAt::get).min().orElseThrow();
        long last = ids.stream().mapToLong(arrivedAt::get).max().orElseThrow();
        double seconds = (last - start) / 1e9;
        double delivering = (last - first) / 1e9;
        return String.format("throughput: %d events written in %.2f s (%.0f/s); all delivered %.2f s after the first "
                + "write: %.0f events/s end to end; first to last arrival %.2f s: %.0f events/s delivered",
                total, (written - start) / 1e9, total / ((written - start) / 1e9), seconds, total / seconds,
                delivering, total / delivering);
    }

    private String delay(String orgId, int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * (1e9 / rate));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            String id = tx.execute(s -> emit(orgId));
            committedAt.put(id, System.nanoTime());
        }
        awaitAll(new ArrayList<>(committedAt.keySet()));
        List<Long> delays = new ArrayList<>();
        committedAt.forEach((id, t) -> delays.add(arrivedAt.get(id) - t));
        Collections.sort(delays);
        return String.format("delay at %d events/s for %d s (%d events): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                rate, seconds, total, ms(percentile(delays, 50)), ms(percentile(delays, 99)), ms(delays.getLast()));
    }


    private String emit(String orgId) {
        return events.emit(orgId, Environment.TEST, EventType.LINKED_ACCOUNT_UPDATED,
                new AccountView("bench", orgId, "bench", "test", "Bench account", List.of(), null,
                        "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", 0));
    }

    private void awaitAll(List<String> ids) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> ids.stream().allMatch(arrivedAt::containsKey));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
