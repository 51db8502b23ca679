package dev.keybridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keybridge.catalog.AppDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMART family's checks of what the end user typed and of what the FHIR server's discovery document says,
 * against a real HTTP server on loopback.
 */
class SmartOnFhirConnectorTest {

    private final SmartOnFhirConnector connector = new SmartOnFhirConnector();
    private final AtomicReference<String> document = new AtomicReference<>();
    /** The last token request: its authorization header (or "none") and its form body. */
    private final AtomicReference<String> tokenAuth = new AtomicReference<>();
    private final AtomicReference<String> tokenBody = new AtomicReference<>();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir/.well-known/smart-configuration", exchange -> {
            byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/token", exchange -> {
            tokenAuth.set(exchange.getRequestHeaders().getFirst("authorization") == null ? "none"
                    : exchange.getRequestHeaders().getFirst("authorization"));
            tokenBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = """
                    {"access_token": "at-1", "token_type": "Bearer", "expires_in": 3600, "refresh_token": "rt-1",
                     "scope": "launch/patient patient/*.read", "patient": "p-9", "encounter": "e-3"}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static AppDefinition app(String pattern) {
        return app(pattern, "client_secret_basic");
    }

    private static AppDefinition app(String pattern, String tokenAuthMethod) {
        AppDefinition.OAuth2 oauth = Records.create(AppDefinition.OAuth2.class, Map.of("scopes", List.of("patient/*.read"),
                "authorizeParams", Map.of("prompt", "login"), "tokenAuthMethod", tokenAuthMethod));
        return new AppDefinition("ehr", "Some EHR", null, null, AppDefinition.AuthType.SMART_ON_FHIR, null, oauth,
                "{fhir_base_url}", null, null, null, null, null, false, null, null, null,
                new AppDefinition.Smart(pattern, null, null));
    }

    private ConnectorContext context(AppDefinition app) {
        return new ConnectorContext(app, "client-1", "secret", "https://kb.example/link/oauth/callback",
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(5), "st-1",
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Map.of());
    }

    private Step start(String typed) {
        return connector.start(context(app(null)), Map.of("fhir_base_url", typed));
    }

    private static String code(Step step) {
        return step instanceof Step.Failure f ? f.code() : step.getClass().getSimpleName();
    }

    @Test
    void doesRefuseABaseUrlWhenItIsNotHttpsOrCarriesMoreThanAnAddress() {
        assertThat(SmartDiscovery.baseUrl("https://fhir.example.org/r4/")).isEqualTo("https://fhir.example.org/r4");
        assertThat(SmartDiscovery.baseUrl("  https://fhir.example.org/r4  ")).isEqualTo("https://fhir.example.org/r4");
        assertThat(SmartDiscovery.baseUrl("http://localhost:8080/fhir")).isEqualTo("http://localhost:8080/fhir");
        assertThat(SmartDiscovery.baseUrl("http://[::1]:8080/fhir")).isEqualTo("http://[::1]:8080/fhir");
        for (String bad : List.of("http://fhir.example.org/r4", "http://10.0.0.1/fhir", "ftp://fhir.example.org",
                "https://user:pw@fhir.example.org/r4", "https://fhir.example.org/r4?x=1", "https://fhir.example.org/r4#a",
                "fhir.example.org/r4", "", "https://", "https://" + "a".repeat(600) + ".org")) {
            assertThat(SmartDiscovery.baseUrl(bad)).as(bad).isNull();
        }
        assertThat(code(start("http://fhir.example.org/r4"))).isEqualTo("smart_base_url");
    }

    @Test
    void doesHoldTheBaseUrlToTheVendorsPatternWhenTheCatalogueNamesOne() {
        AppDefinition cerner = app("https://fhir-myrecord\\.cerner\\.com/r4/[A-Za-z0-9-]+");
        assertThat(SmartDiscovery.allowedByVendor(cerner, "https://fhir-myrecord.cerner.com/r4/ec2458f2")).isTrue();
        assertThat(SmartDiscovery.allowedByVendor(cerner, "https://fhir-myrecord.cerner.com.evil.example/r4/x")).isFalse();
        assertThat(code(connector.start(context(cerner), Map.of("fhir_base_url", "https://fhir.example.org/r4"))))
                .isEqualTo("smart_base_url_not_allowed");
    }

    @Test
    void doesRedirectWithAudPkceAndTheLaunchScopesWhenTheDocumentNamesHttpsEndpoints() {
        document.set("""
                {"authorization_endpoint": "https://auth.example.org/authorize?tenant=7",
                 "token_endpoint": "https://auth.example.org/token",
                 "revocation_endpoint": "https://auth.example.org/revoke",
                 "code_challenge_methods_supported": ["S256"], "capabilities": ["launch-standalone"]}""");

        Step step = start(base + "/");

        assertThat(step).isInstanceOf(Step.Redirect.class);
        Step.Redirect r = (Step.Redirect) step;
        assertThat(r.location()).startsWith("https://auth.example.org/authorize?tenant=7&")
                .contains("aud=" + java.net.URLEncoder.encode(base, StandardCharsets.UTF_8), "code_challenge_method=S256",
                        "state=st-1", "prompt=login", "client_id=client-1")
                .contains("scope=patient%2F*.read+launch%2Fpatient+openid+fhirUser+offline_access");
        assertThat(r.state()).containsEntry("fhir_base_url", base)
                .containsEntry("smart_token_endpoint", "https://auth.example.org/token")
                .containsEntry("smart_revocation_endpoint", "https://auth.example.org/revoke")
                .containsKey("code_verifier");
    }

    @Test
    void doesRefuseTheDocumentWhenAnEndpointIsNotHttpsOrPkceS256IsMissing() {
        document.set("""
                {"authorization_endpoint": "http://auth.example.org/authorize", "token_endpoint": "https://auth.example.org/token"}""");
        assertThat(code(start(base))).isEqualTo("smart_discovery_failed");

        document.set("""
                {"authorization_endpoint": "https://auth.example.org/authorize"}""");
        assertThat(code(start(base))).isEqualTo("smart_discovery_failed");

        document.set("""
                {"authorization_endpoint": "https://auth.example.org/authorize", "token_endpoint": "https://auth.example.org/token",
                 "code_challenge_methods_supported": ["plain"]}""");
        assertThat(code(start(base))).isEqualTo("smart_discovery_failed");

        document.set("[1, 2]");
        assertThat(code(start(base))).isEqualTo("smart_discovery_failed");
    }

    @Test
    void doesStopReadingTheDocumentWhenItIsLargerThanTheCap() {
        document.set("{\"authorization_endpoint\": \"https://auth.example.org/authorize\", \"token_endpoint\": "
                + "\"https://auth.example.org/token\", \"padding\": \"" + "x".repeat(SmartDiscovery.MAX_DOCUMENT) + "\"}");

        Step step = start(base);

        assertThat(step).isInstanceOf(Step.Failure.class);
        assertThat(((Step.Failure) step).message().args()).containsExactly("the configuration is too large");
    }

    @Test
    void doesRefreshAtTheStoredTokenEndpointWhenTheCredentialsSayWhere() {
        assertThat(connector.refreshable(Map.of("refresh_token", "rt"))).isFalse();
        assertThat(connector.refreshable(Map.of("refresh_token", "rt", "fhir_base_url", base,
                "smart_token_endpoint", "https://auth.example.org/token"))).isTrue();
        assertThat(code(connector.refresh(context(app(null)), Map.of("refresh_token", "rt"))))
                .isEqualTo("refresh_not_supported");
    }

    private Step exchange(String tokenAuthMethod) {
        String base = "https://fhir.example.org/r4";
        Map<String, String> state = Map.of("fhir_base_url", base, "smart_token_endpoint", this.base.replace("/fhir", "/token"),
                "code_verifier", "verifier-1", "scope", "launch/patient patient/*.read");
        return connector.answer(context(app(null, tokenAuthMethod)), state, Map.of("code", "code-1", "state", "st-1"));
    }

    @Test
    void doesKeepTheLaunchContextAndWhereTheEhrIsWhenTheCodeIsExchanged() {
        Step step = exchange("client_secret_basic");

        assertThat(step).isInstanceOf(Step.Success.class);
        assertThat(((Step.Success) step).credentials()).containsEntry("access_token", "at-1")
                .containsEntry("patient", "p-9").containsEntry("encounter", "e-3")
                .containsEntry("fhir_base_url", "https://fhir.example.org/r4")
                .containsEntry("smart_token_endpoint", base.replace("/fhir", "/token"));
        assertThat(tokenAuth.get()).startsWith("Basic ");
        assertThat(tokenBody.get()).contains("code_verifier=verifier-1", "grant_type=authorization_code")
                .doesNotContain("client_secret");
    }

    @Test
    void doesSendNoSecretWhenTheVendorIsAPublicClient() {
        Step step = exchange("none");

        assertThat(step).isInstanceOf(Step.Success.class);
        assertThat(tokenAuth.get()).isEqualTo("none");
        assertThat(tokenBody.get()).contains("client_id=client-1", "code_verifier=verifier-1").doesNotContain("secret");
    }
}
