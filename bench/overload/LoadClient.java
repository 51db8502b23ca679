import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop load of CLIENTS concurrent clients (one virtual thread each, one request at a time) on
 * a mixed API load: reads (one account, a page of the list), upserts, session tokens made, and calls
 * with a session token (GET /api/v3/org/basics, checked against PostgreSQL for revocation).
 * Run with: java LoadClient.java <base url> <api key> [clients=200] [warmup s=20] [measure s=60]
 * Prints RESULT lines: capacity (requests/s), p50/p90/p99/max, the count of each status, and every 5xx
 * by its error code.
 */
public class LoadClient {

    static final int ACCOUNTS = 2000;
    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]+)\"");

    /** Operation weights (of 100): read one 40, list 15, upsert 25, session token 10, session call 10. */
    enum Op { READ, LIST, UPSERT, SESSION_TOKEN, SESSION_CALL }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int measure = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<String> tokens = setup(http, base, key);

        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        Recorder rec = new Recorder();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    Op op = pick();
                    long t0 = System.nanoTime();
                    int status;
                    String body;
                    try {
                        HttpResponse<String> r = http.send(request(op, base, key, tokens), HttpResponse.BodyHandlers.ofString());
                        status = r.statusCode();
                        body = r.body();
                    } catch (Exception e) {
                        status = -1;
                        body = e.getClass().getSimpleName();
                    }
                    if (counting.get()) {
                        rec.record(op, status, body, System.nanoTime() - t0);
                    }
                }
            }));
        }
        Thread.sleep(warmup * 1000L);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(measure * 1000L);
        counting.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
        rec.report(clients, seconds);
    }

    static List<String> setup(HttpClient http, String base, String key) throws Exception {
        for (int i = 1; i <= ACCOUNTS; i++) {
            HttpResponse<String> r = http.send(upsert(base, key, i, 0), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("setup upsert: " + r.statusCode() + " " + r.body());
            }
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            HttpResponse<String> r = http.send(sessionToken(base, key, i), HttpResponse.BodyHandlers.ofString());
            Matcher m = TOKEN.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("setup session token: " + r.statusCode() + " " + r.body());
            }
            tokens.add(m.group(1));
        }
        return tokens;
    }

    static Op pick() {
        int n = ThreadLocalRandom.current().nextInt(100);
        return n < 40 ? Op.READ : n < 55 ? Op.LIST : n < 80 ? Op.UPSERT : n < 90 ? Op.SESSION_TOKEN : Op.SESSION_CALL;
    }

    static HttpRequest request(Op op, String base, String key, List<String> tokens) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int id = r.nextInt(1, ACCOUNTS + 1);
        return switch (op) {
            case READ -> get(base + "/api/v2/public/linked-account/bench-" + id).header("x-api-key", key).build();
            case LIST -> get(base + "/api/v2/public/linked-account?limit=10&page=" + r.nextInt(1, 20)).header("x-api-key", key).build();
            case UPSERT -> upsert(base, key, id, r.nextInt(1_000_000));
            case SESSION_TOKEN -> sessionToken(base, key, id);
            case SESSION_CALL -> get(base + "/api/v3/org/basics")
                    .header("authorization", "Bearer " + tokens.get(r.nextInt(tokens.size()))).build();
        };
    }

    static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
    }

    static HttpRequest upsert(String base, String key, int id, int n) {
        String body = "{\"linked_account_id\":\"bench-" + id + "\",\"name\":\"Bench " + id
                + "\",\"udf\":{\"phone\":\"" + n + "\",\"plan\":\"pro\"}}";
        return HttpRequest.newBuilder(URI.create(base + "/api/v2/public/linked-account")).timeout(Duration.ofSeconds(60))
                .header("x-api-key", key).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest sessionToken(String base, String key, int id) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v2/public/session-token")).timeout(Duration.ofSeconds(60))
                .header("x-api-key", key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"linked_account_id\":\"bench-" + id + "\"}")).build();
    }

    static final class Recorder {
        private final long[] buckets = new long[200_000];     // 0.1 ms buckets up to 20 s
        private final LongAdder count = new LongAdder();
        private volatile long max;
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> errors5xx = new ConcurrentHashMap<>();
        private final Map<Op, LongAdder> ops = new ConcurrentHashMap<>();

        synchronized void record(Op op, int status, String body, long nanos) {
            int b = (int) Math.min(buckets.length - 1, nanos / 100_000);
            buckets[b]++;
            max = Math.max(max, nanos);
            count.increment();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            ops.computeIfAbsent(op, o -> new LongAdder()).increment();
            if (status >= 500 || status < 0) {
                Matcher m = ERROR.matcher(body == null ? "" : body);
                errors5xx.computeIfAbsent(status + " " + (m.find() ? m.group(1) : body), s -> new LongAdder()).increment();
            }
        }

        synchronized double percentile(double p) {
            long n = count.sum();
            long want = (long) Math.ceil(n * p / 100.0);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= want) {
                    return (i + 1) / 10.0;
                }
            }
            return max / 1e6;
        }

        void report(int clients, double seconds) {
            long n = count.sum();
            long fivexx = errors5xx.values().stream().mapToLong(LongAdder::sum).sum();
            System.out.printf("RESULT clients=%d seconds=%.1f requests=%d rps=%.0f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f 5xx=%d%n",
                    clients, seconds, n, n / seconds, percentile(50), percentile(90), percentile(99), max / 1e6, fivexx);
            Map<Integer, Long> s = new TreeMap<>();
            statuses.forEach((k, v) -> s.put(k, v.sum()));
            System.out.println("RESULT statuses " + s);
            Map<String, Long> o = new TreeMap<>();
            ops.forEach((k, v) -> o.put(k.name(), v.sum()));
            System.out.println("RESULT operations " + o);
            Map<String, Long> e = new TreeMap<>();
            errors5xx.forEach((k, v) -> e.put(k, v.sum()));
            System.out.println("RESULT 5xx " + e);
        }
    }
}
