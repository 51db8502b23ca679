package dev.keybridge.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Sessions;
import dev.keybridge.support.TestOrganization;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CORS on the session-token surface only, with an optional per-environment origin allow-list. */
class FrontendCorsTest extends IntegrationTest {

    private static final String PAGE = "https://app.example.com";
    private static final String SETTINGS = "/api/v2/public/frontend/settings";

    private TestOrganization org;
    private Api server;
    private String token;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        token = Sessions.token(server, "cors-user");
    }

    private Api.Response preflight(String path, String method) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(10))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PAGE).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type").build());
    }

    @Test
    void doesAnswerPreflightsForEveryFrontendCallWhenNoAllowListIsSet() {
        for (String[] call : List.of(new String[] {"/api/v3/org/basics", "GET"},
                new String[] {"/api/v2/f-sdk/application", "GET"}, new String[] {"/api/v2/f-sdk/config", "PUT"},
                new String[] {"/api/v2/app/sandbox-keys/save", "POST"}, new String[] {"/api/v1/sandbox-ehr/integrate", "GET"},
                new String[] {"/api/v1/linked-acc/integration/sandbox-keys", "DELETE"},
                new String[] {"/api/v2/f-sdk/slug/sandbox-keys/config", "DELETE"})) {
            Api.Response r = preflight(call[0], call[1]);
            assertThat(r.status()).as(call[0]).isEqualTo(204);
            assertThat(r.header("access-control-allow-origin")).as(call[0]).isEqualTo(PAGE);
            assertThat(r.header("access-control-allow-methods")).contains(call[1]);
            assertThat(r.header("access-control-allow-headers")).contains("authorization").contains("content-type");
            assertThat(r.header("access-control-allow-credentials")).isNull();
        }
    }

    @Test
    void doesMarkCallsAndErrorsOfTheFrontendSurfaceAsReadableByThePage() {
        Api page = Sessions.browser(api, token).withHeader("Origin", PAGE);
        Api.Response ok = page.get("/api/v2/f-sdk/application");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("access-control-allow-origin")).isEqualTo(PAGE);
        assertThat(ok.header("vary")).containsIgnoringCase("origin");

        Api.Response wrong = api.withHeader("Origin", PAGE).withHeader("authorization", "Bearer nope").get("/api/v3/org/basics");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("access-control-allow-origin")).as("the page can read the 401").isEqualTo(PAGE);
    }

    @Test
    void doesSendNoCorsHeadersFromServerEndpoints() {
        Api.Response pre = preflight("/api/v2/public/linked-account", "GET");
        assertThat(pre.status()).isEqualTo(401);
        assertThat(pre.header("access-control-allow-origin")).isNull();
        Api.Response call = server.withHeader("Origin", PAGE).get("/api/v2/public/linked-account");
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.header("access-control-allow-origin")).isNull();
        assertThat(server.withHeader("Origin", PAGE).post("/link/token/create", Map.of("user_id", "u"))
                .header("access-control-allow-origin")).isNull();
    }

    @Test
    void doesRefusePagesOffTheAllowListWithoutCorsHeaders() {
        Api.Response put = server.put(SETTINGS, Map.of("allowed_origins", List.of(PAGE)));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(server.get(SETTINGS).json().get("allowed_origins").get(0).asString()).isEqualTo(PAGE);

        Api.Response listed = Sessions.browser(api, token).withHeader("Origin", PAGE).get("/api/v3/org/basics");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header("access-control-allow-origin")).isEqualTo(PAGE);

        Api.Response other = Sessions.browser(api, token).withHeader("Origin", "https://evil.example").get("/api/v3/org/basics");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("error").asString()).isEqualTo("origin_not_allowed");
        assertThat(other.header("access-control-allow-origin")).isNull();
        assertThat(other.text()).doesNotContain("cors-user");

        assertThat(Sessions.browser(api, token).get("/api/v3/org/basics").status())
                .as("no Origin: not a browser page, the allow-list does not apply").isEqualTo(200);
    }

    @Test
    void doesKeepAllowListsToTheirOwnOrganizationAndEnvironment() {
        assertThat(server.put(SETTINGS, Map.of("allowed_origins", List.of(PAGE))).status()).isEqualTo(200);
        TestOrganization other = newOrganization();
        Api otherServer = other.test().withKey(api);
        String otherToken = Sessions.token(otherServer, "cors-user");
        assertThat(Sessions.browser(api, otherToken).withHeader("Origin", "https://evil.example").get("/api/v3/org/basics")
                .status()).isEqualTo(200);

        Api production = org.production().withKey(api);
        assertThat(production.get(SETTINGS).json().get("allowed_origins").size()).isZero();
        String liveToken = Sessions.token(production, "cors-user");
        assertThat(Sessions.browser(api, liveToken).withHeader("Origin", "https://evil.example").get("/api/v3/org/basics")
                .status()).isEqualTo(200);
        assertThat(Sessions.browser(api, token).put(SETTINGS, Map.of("allowed_origins", List.of())).status())
                .as("a session token cannot change settings").isEqualTo(403);
    }

    @Test
    void doesRefuseMalformedAllowLists() {
        assertThat(server.put(SETTINGS, Map.of("allowed_origins", List.of("https://a.example/path"))).status()).isEqualTo(400);
        assertThat(server.put(SETTINGS, Map.of("allowed_origins", "https://a.example")).status()).isEqualTo(400);
        assertThat(server.put(SETTINGS, Map.of("allowed_origins", List.of("*"))).status()).isEqualTo(400);
        assertThat(server.put(SETTINGS, Map.of("origins", List.of())).status()).isEqualTo(400);
        assertThat(server.put(SETTINGS, "{not json").status()).isEqualTo(400);
        assertThat(server.get(SETTINGS).json().get("allowed_origins").size()).as("nothing written").isZero();
    }
}
