package dev.keybridge.sdk.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.sdk.Keybridge;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Keybridge server the SDK's tests talk to: the jar that keybridge-server built earlier in
 * this reactor ({@code -Dkeybridge.server.jar}), started once per test JVM as a child process on a
 * free port with an embedded PostgreSQL in a temporary data directory, and killed when the JVM exits. The
 * server runs on Java 25 ({@link ServerJava}); the tests that call it run on Java 17.
 * Each test works in an organization of its own ({@link #newOrganization()}).
 */
public final class KeybridgeServer {

    public static final String ADMIN_TOKEN = "sdk-test-admin-token-0123456789abcdef0";
    private static final Pattern LISTENING = Pattern.compile("Keybridge listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static KeybridgeServer instance;

    private final String baseUrl;

    private KeybridgeServer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The running server (started on first use). */
    public static synchronized KeybridgeServer get() {
        if (instance == null) {
            instance = new KeybridgeServer(start());
        }
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An organization with fresh credentials for both environments. */
    public Org newOrganization() {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/v1/organizations"))
                    .header("authorization", "Bearer " + ADMIN_TOKEN).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"sdk-" + System.nanoTime() + "\"}")).build();
            HttpResponse<String> answer = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("organization not created: " + answer.body());
            }
            JsonNode body = Keybridge.mapper().readTree(answer.body());
            return new Org(body.at("/organization/_id").asText(), Org.env(body.at("/credentials/test")),
                    Org.env(body.at("/credentials/production")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client for the test environment of {@code org}, against this server. */
    public Keybridge client(Org org) {
        return Keybridge.builder().apiKey(org.test().apiKey()).baseUrl(baseUrl).build();
    }

    /**
     * Calls a session-token endpoint ({@code /api/v3/…}, {@code /api/v2/f-sdk/…}) as a browser page would, with
     * {@code authorization: Bearer <sessionToken>}: the status and the body.
     */
    public Answer asBrowser(String sessionToken, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("authorization", "Bearer " + sessionToken).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens hosted Link with {@code linkToken} as a browser would (following its redirect): the page's HTML. */
    public String openLink(String linkToken) {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            return browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/link?token=" + linkToken)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A status and a body. */
    public record Answer(int status, String body) {}

    private static String start() {
        String jar = System.getProperty("keybridge.server.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("No server jar at " + jar + ": build keybridge-server first "
                    + "(./mvnw -B verify builds both in order)");
        }
        try {
            Path dataDir = Files.createTempDirectory("keybridge-sdk-it-");
            List<String> command = new ArrayList<>();
            command.add(ServerJava.find());     // Java 25, whatever JVM runs the tests (Java 17)
            command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("KEYBRIDGE_"));
            pb.environment().put("KEYBRIDGE_PORT", "0");
            pb.environment().put("KEYBRIDGE_DATA_DIR", dataDir.toString());
            pb.environment().put("KEYBRIDGE_ADMIN_TOKEN", ADMIN_TOKEN);
            pb.environment().put("KEYBRIDGE_CATALOG_FILE", Upstream.get().catalogFile(dataDir).toString());
            pb.environment().put("KEYBRIDGE_WEBHOOK_POLL_INTERVAL", "100ms");
            pb.environment().put("KEYBRIDGE_WEBHOOK_RETRY_SCHEDULE", "200ms,300ms,500ms");
            pb.environment().put("KEYBRIDGE_WEBHOOK_TIMEOUT", "2s");
            pb.environment().put("KEYBRIDGE_WEBHOOK_LEASE", "8s");
            // a second request with a running request's Idempotency-Key waits 1 s for it, then 409 (IdempotencyIT)
            pb.environment().put("KEYBRIDGE_IDEMPOTENCY_WAIT_FOR_FIRST", "1s");
            Process process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            }));
            CompletableFuture<String> listening = new CompletableFuture<>();
            Path log = Path.of("target", "keybridge-sdk-it-server.log");
            Thread t = new Thread(() -> pump(process, log, listening), "keybridge-server-output");
            t.setDaemon(true);
            t.start();
            return listening.get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The Keybridge server did not start; see target/keybridge-sdk-it-server.log", e);
        }
    }

    private static void pump(Process p, Path log, CompletableFuture<String> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("server exited before listening"));
    }

    /** An organization made through the admin API. */
    public record Org(String id, Env test, Env production) {

        /** One environment's credentials. */
        public record Env(String apiKey, String clientId, String clientSecret) {}

        static Env env(JsonNode list) {
            String key = null;
            String id = null;
            String secret = null;
            for (JsonNode c : list) {
                if (c.has("api_key")) {
                    key = c.get("api_key").asText();
                } else {
                    id = c.get("client_id").asText();
                    secret = c.get("client_secret").asText();
                }
            }
            return new Env(key, id, secret);
        }
    }
}
