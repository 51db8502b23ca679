package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.support.IntegrationTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sign-in time for an e-mail address that belongs to an operator and for one that does not (wrong
 * password both), and for the right password, measured over HTTP on the test server: the POST of the
 * sign-in form only (the page with its CSRF token is fetched before the clock starts). Each attempt
 * comes from a client address of its own (X-Forwarded-For), so no throttle refuses it without hashing.
 * The three kinds take turns, BENCH_WARMUP rounds then BENCH_REQUESTS measured rounds. Not part of the
 * suite (the name does not end in Test); run it with {@code bench/signin/run.sh}.
 */
class SigninBench extends IntegrationTest {

    @Autowired
    private Invites invites;

    @Test
    void measuresSigninTimeWhenTheAddressIsKnownOrUnknown() throws IOException {
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "20"));
        int requests = Integer.parseInt(System.getenv().getOrDefault("BENCH_REQUESTS", "200"));
        String known = FormBrowser.owner(port, invites, newOrganization().id());
        Map<String, List<Long>> times = new LinkedHashMap<>();
        times.put("known address, wrong password", new ArrayList<>());
        times.put("unknown address, wrong password", new ArrayList<>());
        times.put("known address, right password", new ArrayList<>());
        int client = 0;
        for (int round = 0; round < warmup + requests; round++) {
            for (Map.Entry<String, List<Long>> kind : times.entrySet()) {
                String email = kind.getKey().startsWith("known") ? known : "nobody-" + round + "@example.com";
                String password = kind.getKey().endsWith("right password") ? ConsoleDriver.PASSWORD : "wrong password " + round;
                client++;
                FormBrowser b = FormBrowser.from(port, "192.0." + (2 + client / 250) % 250 + "." + (1 + client % 250));
                String csrf = FormBrowser.csrf(b.get("/dashboard/signin").body());
                long start = System.nanoTime();
                HttpResponse<String> r = b.post("/dashboard/signin", Map.of("email", email, "password", password, "_csrf", csrf));
                long nanos = System.nanoTime() - start;
                assertThat(r.statusCode()).isEqualTo(kind.getKey().endsWith("right password") ? 302 : 401);
                if (round >= warmup) {
                    kind.getValue().add(nanos);
                }
            }
        }
        StringBuilder out = new StringBuilder("SIGNIN " + requests + " measured attempts of each kind (after " + warmup
                + " rounds of warm-up), POST /dashboard/signin over loopback, milliseconds\n");
        out.append(String.format("%-34s %8s %8s %8s %8s%n", "", "median", "mean", "p10", "p90"));
        for (Map.Entry<String, List<Long>> kind : times.entrySet()) {
            List<Long> t = kind.getValue();
            Collections.sort(t);
            double mean = t.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
            out.append(String.format("%-34s %8.1f %8.1f %8.1f %8.1f%n", kind.getKey(), pct(t, 50), mean, pct(t, 10), pct(t, 90)));
        }
        System.out.print(out);
        Files.writeString(Path.of("target", "signin-bench.txt"), out.toString());
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
