package dev.keybridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.dashboard.signin.Invites;
import dev.keybridge.dashboard.signin.Role;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
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
 * Page timings of the dashboard with BENCH_ACCOUNTS (100,000) linked accounts in one environment.
 * Not part of the suite (the name does not end in Test); run it with {@code bench/dashboard/run.sh}.
 * Accounts are inserted with one SQL statement (the upsert bench measures the API path); a few
 * connections, a login_required one and a webhook endpoint come through the API. Each page is
 * fetched BENCH_WARMUP times, then BENCH_REQUESTS times one after another by a signed-in operator;
 * the time is the full HTTP round trip on loopback.
 */
class DashboardBench extends IntegrationTest {

    @Autowired
    private Invites invites;

    @Test
    void measuresPageTimingsWhenTheEnvironmentHasManyAccounts() throws IOException {
        int accounts = Integer.parseInt(System.getenv().getOrDefault("BENCH_ACCOUNTS", "100000"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "50"));
        int requests = Integer.parseInt(System.getenv().getOrDefault("BENCH_REQUESTS", "300"));
        TestOrganization org = newOrganization();
        long seedStart = System.nanoTime();
        jdbc.sql("""
                insert into linked_account (id, org_id, environment, external_id, name, udf, created_at, updated_at)
                select lpad(to_hex(n), 24, '0'), ?, 'test', 'acct-' || lpad(n::text, 7, '0'), 'Customer ' || n,
                       '[]', now(), now()
                from generate_series(1, ?) n""").params(org.id(), accounts).update();
        jdbc.sql("analyze linked_account").update();
        long seedMs = (System.nanoTime() - seedStart) / 1_000_000;
        Api server = org.test().withKey(api);
        String accessToken = null;
        for (int i = 0; i < 20; i++) {
            Api.Response pt = server.post("/sandbox/public_token/create", Map.of("linked_account_id",
                    "acct-" + String.format("%07d", i + 1), "app", "sandbox-ehr", "options", Map.of("username", "user_good")));
            accessToken = server.post("/link/token/exchange", Map.of("public_token", pt.json().get("public_token").asString()))
                    .json().get("token").asString();
        }
        server.post("/sandbox/connection/reset_login", Map.of("access_token", accessToken, "reason", "password_expired"));
        server.post("/api/v2/public/webhook", Map.of("webhook_url", "https://example.com/hook"));

        String email = "bench-" + System.nanoTime() + "@example.com";
        String token = invites.issue(org.id(), email, Role.OWNER).token();
        FormBrowser b = new FormBrowser(port);
        b.submit("/dashboard/setup?token=" + token, "/dashboard/setup", Map.of("token", token, "password", ConsoleDriver.PASSWORD));
        assertThat(b.signIn(email, ConsoleDriver.PASSWORD).statusCode()).isEqualTo(302);
        String middle = String.format("%024x", accounts / 2);
        String endpoint = jdbc.sql("select id from webhook_endpoint where org_id = ?").param(org.id()).query(String.class).single();

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("overview", "/dashboard");
        pages.put("accounts, first page", "/dashboard/accounts");
        pages.put("accounts, page after the 50,000th", "/dashboard/accounts?after=" + middle);
        pages.put("accounts, id prefix (111 hits)", "/dashboard/accounts?by=id&q=acct-00123");
        pages.put("accounts, id prefix (no hit)", "/dashboard/accounts?by=id&q=zzz");
        pages.put("accounts, name prefix (many hits)", "/dashboard/accounts?by=name&q=Customer+9");
        pages.put("accounts, name prefix (11 hits)", "/dashboard/accounts?by=name&q=Customer+9999");
        pages.put("account detail (with connection)", "/dashboard/accounts/view?id=acct-0000001");
        pages.put("credentials", "/dashboard/credentials");
        pages.put("apps", "/dashboard/apps");
        pages.put("webhooks", "/dashboard/webhooks");
        pages.put("webhook endpoint log", "/dashboard/webhooks/endpoint?id=" + endpoint);
        pages.put("members", "/dashboard/members");

        StringBuilder out = new StringBuilder();
        out.append(String.format("Dashboard bench: %,d linked accounts in the environment (seeded in %d ms), "
                + "%d warm-up + %d sequential requests per page, one signed-in operator.%n%n", accounts, seedMs, warmup, requests));
        out.append(String.format("| page | p50 ms | p95 ms | max ms |%n|---|---:|---:|---:|%n"));
        for (Map.Entry<String, String> p : pages.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                check(b.get(p.getValue()), p.getValue());
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = b.get(p.getValue());
                ms.add((System.nanoTime() - t) / 1e6);
                check(r, p.getValue());
            }
            Collections.sort(ms);
            out.append(String.format("| %s | %.1f | %.1f | %.1f |%n", p.getKey(), ms.get(ms.size() / 2),
                    ms.get((int) (ms.size() * 0.95)), ms.getLast()));
        }
        Path file = Path.of("target", "dashboard-bench.txt");
        Files.writeString(file, out.toString());
        System.out.println(out);
    }

    private static void check(HttpResponse<String> r, String path) {
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    }
}
