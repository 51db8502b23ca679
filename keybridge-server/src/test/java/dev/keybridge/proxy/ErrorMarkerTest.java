package dev.keybridge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keybridge.connection.Connections;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code x-keybridge-error}: every error answer of Keybridge's own carries it (the proxy's
 * {@code login_required} above all), an upstream's 4xx/5xx passed through the proxy never does, even
 * when the upstream sends one itself. Real sockets: the server, and an upstream on loopback.
 */
class ErrorMarkerTest extends IntegrationTest {

    private static final String MARKER = "x-keybridge-error";
    private static final String BODY = "{\"success\":false,\"error\":\"upstream_says_no\",\"error_type\":\"authentication\"}";
    private static final HttpServer UPSTREAM = upstream();

    @Autowired
    Connections connections;

    @Autowired
    TransactionTemplate tx;

    private TestOrganization org;
    private Api server;

    /** {@code /api/status/<code>} answers that status in Keybridge's own error shape, with a forged marker; {@code /api/revoked} a 401 the catalog's rule reads as a revoked key. */
    private static HttpServer upstream() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/api/status/", ex -> answer(ex,
                    Integer.parseInt(ex.getRequestURI().getPath().substring("/api/status/".length())), BODY));
            s.createContext("/api/revoked", ex -> answer(ex, 401, "{\"error\":\"token_revoked\"}"));
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.getResponseHeaders().add("x-upstream", "yes");
            ex.getResponseHeaders().add(MARKER, "forged_by_upstream");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @DynamicPropertySource
    static void catalog(DynamicPropertyRegistry registry) throws IOException {
        Path file = Files.createTempFile("keybridge-marker-catalog-", ".yaml");
        Files.writeString(file, """
                apps:
                  - slug: marker-keys
                    name: Marker Keys
                    description: an upstream under the test's control
                    auth_type: keybased
                    auth_input_map:
                      - {name: api_key, type: password, required: true}
                    api_base_url: "http://127.0.0.1:%d/api"
                    inject: {headers: {x-key: "{api_key}"}}
                    auth_failure: {status_codes: [401], body_patterns: ["token_revoked"]}
                """.formatted(UPSTREAM.getAddress().getPort()));
        registry.add("keybridge.catalog-file", file::toString);
    }

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        Api.Response enabled = server.put("/api/v2/public/application/marker-keys/settings", Map.of("enabled", true));
        assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
    }

    private String connect(String accountId) {
        assertThat(server.put("/api/v2/public/linked-account", Map.of("linked_account_id", accountId)).status()).isEqualTo(200);
        String internal = jdbc.sql("select id from linked_account where org_id = ? and environment = 'test' and external_id = ?")
                .params(org.id(), accountId).query(String.class).single();
        return tx.execute(s -> connections.create(org.id(), Environment.TEST, internal, "marker-keys", "end-org",
                Map.of("api_key", "k-1"), null, null)).accessToken();
    }

    @Test
    void doesPassUpstreamErrorsThroughWithoutTheMarkerWhenTheUpstreamRefuses() {
        Api proxied = server.withHeader("access_token", connect("acct-up"));

        for (int status : new int[] {401, 403, 500}) {
            Api.Response r = proxied.get("/v1/proxy/status/" + status);

            assertThat(r.status()).as(r.text()).isEqualTo(status);
            assertThat(r.text()).isEqualTo(BODY);
            assertThat(r.header("x-upstream")).isEqualTo("yes");
            assertThat(r.header(MARKER)).as("upstream %s, its forged marker stripped", status).isNull();
        }
    }

    @Test
    void doesMarkKeybridgesLoginRequiredWhenTheUpstreamRevokesTheCredential() {
        Api proxied = server.withHeader("access_token", connect("acct-revoked"));

        Api.Response revoked = proxied.get("/v1/proxy/revoked");
        Api.Response again = proxied.get("/v1/proxy/status/200");

        for (Api.Response r : new Api.Response[] {revoked, again}) {
            assertThat(r.status()).as(r.text()).isEqualTo(403);
            assertThat(r.json().get("error").asString()).isEqualTo("login_required");
            assertThat(r.header(MARKER)).isEqualTo("login_required");
        }
    }

    @Test
    void doesMarkEveryOtherErrorOfKeybridgesOwnWhenItRefusesARequest() throws IOException {
        String token = connect("acct-other");

        Api.Response unauthenticated = api.withHeader("access_token", token).get("/v1/proxy/status/200");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.header(MARKER)).isEqualTo(unauthenticated.json().get("error").asString());

        Api.Response unknown = server.withHeader("access_token", "at_test_not_a_token").get("/v1/proxy/status/200");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header(MARKER)).isEqualTo(unknown.json().get("error").asString());

        Api.Response invalid = server.put("/api/v2/public/linked-account", Map.of("linked_account_id", ""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header(MARKER)).isEqualTo("invalid_request");

        Api keyed = server.withHeader("Idempotency-Key", "marker-create-twice");
        Api.Response conflict = keyed.post("/api/v2/public/linked-account", Map.of("linked_account_id", "acct-other"));
        Api.Response replayed = keyed.post("/api/v2/public/linked-account", Map.of("linked_account_id", "acct-other"));
        assertThat(conflict.status()).as(conflict.text()).isEqualTo(409);
        assertThat(replayed.text()).isEqualTo(conflict.text());
        assertThat(replayed.header(MARKER)).as("a replayed error keeps its marker").isEqualTo(conflict.header(MARKER))
                .isEqualTo(conflict.json().get("error").asString());

        String raw = rawRequest("GET /v1/proxy/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).as("Jetty's own refusal").startsWith("HTTP/1.1 400").containsIgnoringCase(MARKER + ": invalid_request");
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
