package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The proxy over real HTTP against a real upstream on loopback. */
class ProxyTest extends HealthIntegrationTest {

    private static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        enable(server, "fake-keys");
        enable(server, "fake-oauth");
    }

    private String keys() {
        return connect(org, Environment.TEST, "acct-1", "fake-keys", Map.of("api_key", "secret-key-1"), null);
    }

    @Test
    void doesForwardMethodPathQueryBodyAndSafeHeadersWhenProxying() {
        String token = keys();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/v1/proxy/echo/a%20b?x=1&y=two"))
                .header("x-api-key", org.test().apiKey()).header("access_token", token)
                .header("x-custom", "kept").header("cookie", "session=mine").header("x-strip", "gone")
                .header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"hello\":\"world\"}")).build();

        Api.Response r = api.send(request);

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode echo = r.json();
        assertThat(echo.get("method").asString()).isEqualTo("PATCH");
        assertThat(echo.get("path").asString()).isEqualTo("/api/echo/a%20b");
        assertThat(echo.get("query").asString()).isEqualTo("x=1&y=two&key_hint=k");
        assertThat(echo.get("body").asString()).isEqualTo("{\"hello\":\"world\"}");
        JsonNode headers = echo.get("headers");
        assertThat(headers.get("x-key").asString()).isEqualTo("secret-key-1");
        assertThat(headers.get("x-custom").asString()).isEqualTo("kept");
        assertThat(headers.get("content-type").asString()).isEqualTo("application/json");
        assertThat(headers.has("x-api-key")).isFalse();
        assertThat(headers.has("access_token")).isFalse();
        assertThat(headers.has("cookie")).isFalse();
        assertThat(r.header("x-upstream")).isEqualTo("yes");
        assertThat(r.header("x-hop")).isNull();
        assertThat(r.header("set-cookie")).isNull();
        assertThat(r.text()).doesNotContain(org.test().apiKey());
    }

    @Test
    void doesStreamALargeDownloadWhenTheUpstreamSendsIt() throws Exception {
        String token = keys();
        long size = 200L * 1024 * 1024;
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/v1/proxy/big?bytes=" + size))
                .header("x-api-key", org.test().apiKey()).header("access_token", token).GET().build();

        HttpResponse<InputStream> r = RAW.send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThat(r.statusCode()).isEqualTo(200);
        long n = 0;
        byte[] buffer = new byte[65536];
        try (InputStream in = r.body()) {
            for (int k; (k = in.read(buffer)) >= 0; ) {
                n += k;
            }
        }
        assertThat(n).isEqualTo(size);
    }

    @Test
    void doesStreamALargeChunkedUploadWhenTheCallerSendsOne() {
        String token = keys();
        long size = 64L * 1024 * 1024;
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/v1/proxy/count"))
                .header("x-api-key", org.test().apiKey()).header("access_token", token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    long left = size;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'z' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int k = (int) Math.min(len, left);
                        Arrays.fill(b, off, off + k, (byte) 'z');
                        left -= k;
                        return k;
                    }
                })).build();

        Api.Response r = api.send(request);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("received").asLong()).isEqualTo(size);
    }

    @Test
    void doesRefreshAndRetryOnceWhenTheUpstreamRejectsAnOAuth2Token() {
        Map<String, String> grant = FAKE.grant();
        String token = connect(org, Environment.TEST, "acct-2", "fake-oauth", grant, clock.instant().plusSeconds(3600));
        FAKE.expireAccess(grant.get("access_token"));
        int before = FAKE.tokenCalls.get();

        Api.Response r = proxy(server, token, "GET", "me", null);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(FAKE.tokenCalls.get() - before).isEqualTo(1);
        assertThat(jdbc.sql("select status || ':' || credential_version from connection where org_id = ?").param(org.id())
                .query(String.class).single()).isEqualTo("active:2");
    }

    @Test
    void doesRefreshBeforeCallingWhenTheStoredTokenHasExpired() {
        Map<String, String> grant = FAKE.grant();
        String token = connect(org, Environment.TEST, "acct-3", "fake-oauth", grant, clock.instant().minusSeconds(1));
        FAKE.expireAccess(grant.get("access_token"));
        List<String> seen = new CopyOnWriteArrayList<>();
        FAKE.onApiCall = seen::add;
        try {
            Api.Response r = proxy(server, token, "GET", "me", null);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(seen).doesNotContain(grant.get("access_token"));
        } finally {
            FAKE.onApiCall = t -> { };
        }
    }

    @Test
    void doesAnswerLoginRequiredWithRefreshFailedWhenTheRefreshTokenIsRevoked() {
        Map<String, String> grant = FAKE.grant();
        String token = connect(org, Environment.TEST, "acct-4", "fake-oauth", grant, clock.instant().plusSeconds(3600));
        FAKE.revoke(grant);

        Api.Response r = proxy(server, token, "GET", "me", null);

        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.json().get("error").asString()).isEqualTo("login_required");
        assertThat(r.json().get("status_reason").asString()).isEqualTo("refresh_failed");
        assertThat(jdbc.sql("select count(*) from event where org_id = ? and type = 'access_token.login_required'")
                .param(org.id()).query(Integer.class).single()).isEqualTo(1);
        JsonNode status = server.withHeader("access_token", token).get("/v1/connection").json();
        assertThat(status.get("status").asString()).isEqualTo("login_required");
        assertThat(status.get("status_reason").asString()).isEqualTo("refresh_failed");
    }

    @Test
    void doesProxyByLinkedAccountAndSlugWhenNoAccessTokenIsSent() {
        keys();

        Api.Response r = server.withHeader("linked_account_id", "acct-1").withHeader("slug", "fake-keys")
                .get("/v1/proxy/echo");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().at("/headers/x-key").asString()).isEqualTo("secret-key-1");
    }

    @Test
    void doesRefuseAPrivateUpstreamWhenTheEnvironmentIsProduction() {
        String token = connect(org, Environment.PRODUCTION, "acct-p", "fake-keys", Map.of("api_key", "k"), null);

        Api.Response r = proxy(org.production().withKey(api), token, "GET", "echo", null);

        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.json().get("error").asString()).isEqualTo("proxy_url_not_allowed");
    }

    @Test
    void doesNotFindAConnectionOfAnotherOrganizationOrEnvironment() {
        String token = keys();
        Api other = newOrganization().test().withKey(api);

        assertThat(proxy(other, token, "GET", "echo", null).status()).isEqualTo(404);
        assertThat(proxy(org.production().withKey(api), token, "GET", "echo", null).status()).isEqualTo(404);
        assertThat(other.withHeader("access_token", token).get("/v1/connection").status()).isEqualTo(404);
        assertThat(other.withHeader("access_token", token).delete("/v1/connection").status()).isEqualTo(404);
        assertThat(other.get("/api/v2/public/linked-account/acct-1/connections").status()).isEqualTo(404);
        assertThat(org.production().withKey(api).get("/api/v2/public/linked-account/acct-1/connections").status()).isEqualTo(404);
        assertThat(server.get("/api/v2/public/linked-account/acct-1/connections").json().size()).isEqualTo(1);
    }

    @Test
    void doesRefuseTheProxyWithoutServerCredentials() {
        String token = keys();

        Api.Response r = api.withHeader("access_token", token).get("/v1/proxy/echo");

        assertThat(r.status()).isEqualTo(401);
    }
}
