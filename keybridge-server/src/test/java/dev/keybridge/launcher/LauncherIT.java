package dev.keybridge.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keybridge.support.Api;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./keybridge serve} as a new user runs it: no configuration, embedded PostgreSQL, data that
 * survives a restart, bootstrap credentials in a private file, graceful stop on SIGTERM, no secret in
 * the log. Runs after packaging (failsafe), against the real jar.
 */
class LauncherIT {

    private static final Duration START = Duration.ofMinutes(3);
    /** The server's count of PUT requests in progress (a long-task timer), in its Prometheus scrape. */
    private static final Pattern ACTIVE_PUTS = Pattern.compile(
            "(?m)^http_server_requests_active\\w*_count\\{[^}]*method=\"PUT\"[^}]*\\} ([0-9.eE+-]+)$");

    @TempDir
    Path dataDir;

    @Test
    void doesStartWithNoSetupAndKeepDataAcrossRestarts() throws Exception {
        String apiKey;
        String firstOutput;
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            Api api = new Api(server.awaitListening(START));
            Path credentials = dataDir.resolve("bootstrap-credentials.json");
            assertThat(Files.getPosixFilePermissions(credentials))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("master-keyset.json")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            JsonNode file = Api.JSON.readTree(Files.readString(credentials));
            apiKey = file.at("/test/api_key").asString();
            Api server1 = api.withHeader("x-api-key", apiKey);
            assertThat(server1.put("/api/v2/public/linked-account",
                    Map.of("linked_account_id", "survivor", "your_app", Map.of("app_id", "a",
                            "auth_credentials", Map.of("token", "plain-secret-value")))).status()).isEqualTo(200);
            assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
            assertThat(api.withHeader("authorization", "Bearer anything").get("/admin/v1/organizations").status())
                    .as("no KEYBRIDGE_ADMIN_TOKEN, no admin API").isEqualTo(404);

            assertThat(server.terminate(Duration.ofSeconds(60))).as(server.output()).isIn(0, 143);
            firstOutput = server.output();
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("embedded PostgreSQL stopped cleanly").doesNotExist();
        assertThat(firstOutput).contains(dataDir.resolve("bootstrap-credentials.json").toString())
                .doesNotContain(apiKey).doesNotContain("plain-secret-value").doesNotContain("cs_test_");

        try (ServerProcess again = ServerProcess.start(dataDir, Map.of())) {
            Api api = new Api(again.awaitListening(START)).withHeader("x-api-key", apiKey);
            JsonNode survivor = api.get("/api/v2/public/linked-account/survivor").json();
            assertThat(survivor.get("account_id").asString()).isEqualTo("survivor");
            assertThat(survivor.at("/your_app/auth_credentials/token").asString()).isEqualTo("********");
            assertThat(again.output()).doesNotContain("Created the default organization");
            again.terminate(Duration.ofSeconds(60));
        }
    }

    @Test
    void doesUsePresetBootstrapCredentialsWhenAllThreeAreSet() throws Exception {
        String key = "kb_test_preset_0123456789abcdefghij";
        String clientId = "ci_test_preset_client";
        String secret = "cs_test_preset_0123456789abcdefghij";
        Map<String, String> env = Map.of("KEYBRIDGE_BOOTSTRAP_TEST_API_KEY", key,
                "KEYBRIDGE_BOOTSTRAP_TEST_CLIENT_ID", clientId, "KEYBRIDGE_BOOTSTRAP_TEST_CLIENT_SECRET", secret);
        try (ServerProcess server = ServerProcess.start(dataDir, env)) {
            Api api = new Api(server.awaitListening(START));
            assertThat(api.withHeader("x-api-key", key).get("/api/v2/public/linked-account").status()).isEqualTo(200);
            assertThat(api.withHeader("client_id", clientId).withHeader("client_secret", secret)
                    .get("/api/v2/public/linked-account").status()).isEqualTo(200);

            // A request in flight when SIGTERM arrives still completes (graceful shutdown).
            URI uri = URI.create(api.base());
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                OutputStream out = socket.getOutputStream();
                String body = "{\"linked_account_id\":\"in-flight\",\"name\":\"Slow\"}";
                out.write(("PUT /api/v2/public/linked-account HTTP/1.1\r\nHost: x\r\nx-api-key: " + key
                        + "\r\ncontent-type: application/json\r\ncontent-length: " + body.length()
                        + "\r\nconnection: close\r\n\r\n" + body.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
                out.flush();
                // The server handles the request (it waits for the rest of the body) before SIGTERM comes.
                await().atMost(Duration.ofSeconds(30)).until(() -> activePuts(api) >= 1);
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                    try {
                        return server.terminate(Duration.ofSeconds(60));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                // The rest of the body comes only once the server has begun its graceful shutdown, which
                // closes its listening socket first (its log is out of reach: destroy() closes the pipe).
                await().atMost(Duration.ofSeconds(30)).until(() -> refusesConnections(uri));
                out.write(body.substring(10).getBytes(StandardCharsets.UTF_8));
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 200").contains("\"account_id\":\"in-flight\"");
                exit.get(90, TimeUnit.SECONDS);
            }
            assertThat(server.output()).doesNotContain(key).doesNotContain(secret);
        }
        assertThat(Set.of(Files.readString(dataDir.resolve("bootstrap-credentials.json")))).noneMatch(s -> s.contains(secret));
    }

    private static boolean refusesConnections(URI uri) {
        try (Socket probe = new Socket(uri.getHost(), uri.getPort())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static double activePuts(Api api) {
        Matcher m = ACTIVE_PUTS.matcher(api.get("/actuator/prometheus").text());
        double active = 0;
        while (m.find()) {
            active += Double.parseDouble(m.group(1));
        }
        return active;
    }
}
