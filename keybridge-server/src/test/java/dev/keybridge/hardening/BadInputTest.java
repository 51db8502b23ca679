package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bad-input cases the fuzzer found, one by one, each with its side effect checked. */
class BadInputTest extends IntegrationTest {

    @Test
    void doesNotCommitAWriteWhenTheCallerAcceptsNoJson() {
        Api key = newOrganization().test().withKey(api);
        Api.Response r = key.withHeader("accept", "text/html")
                .put("/api/v2/public/linked-account", Accounts.account("html-only").body());
        assertThat(r.status()).isEqualTo(406);
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThat(r.json().get("error").asString()).isEqualTo("not_acceptable");
        assertThat(key.get("/api/v2/public/linked-account/html-only").status()).isEqualTo(404);
    }

    @Test
    void doesRefuseIdsThatCannotBeAddressedWhenCreating() {
        Api key = newOrganization().test().withKey(api);
        for (String id : new String[] {"a/b", "a\\b", ".", ".."}) {
            Api.Response r = key.put("/api/v2/public/linked-account", Accounts.account(id).body());
            assertThat(r.status()).as(id).isEqualTo(400);
        }
        assertThat(key.get("/api/v2/public/linked-account").json().get("totalDocs").asInt()).isZero();
    }

    @Test
    void doesRefuseLoneSurrogatesAndNulWhenInAJsonBody() {
        Api key = newOrganization().test().withKey(api);
        for (String body : new String[] {"{\"linked_account_id\":\"x\\ud800\"}", "{\"linked_account_id\":\"\\udc00\"}",
                "{\"linked_account_id\":\"ok\",\"udf\":{\"k\\u0000\":\"v\"}}", "{\"linked_account_id\":\"ok\",\"name\":\"\\u0000\"}"}) {
            Api.Response r = key.put("/api/v2/public/linked-account", body);
            assertThat(r.status()).as(body).isEqualTo(400);
        }
        assertThat(key.get("/api/v2/public/linked-account").json().get("totalDocs").asInt()).isZero();
    }

    @Test
    void doesAnswer4xxInTheErrorShapeWhenQueryOrPathIsMalformed() {
        String key = newOrganization().test().apiKey();
        for (String target : new String[] {"/api/v2/public/linked-account?name_prefix=%zz",
                "/api/v2/public/linked-account?name_prefix=%ff", "/api/v2/public/linked-account?linked_account_id=a%00b",
                "/api/v2/public/linked-account/a%2Fb", "/api/v2/public/linked-account/a%00b",
                "/api/v2/public/linked-account/%ED%A0%80", "/error"}) {
            RawHttp.Answer a = RawHttp.exchange(port, ("GET " + target + " HTTP/1.1\r\nHost: x\r\nx-api-key: " + key
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(a.status()).as(target).isBetween(400, 499);
            assertThat(a.header("content-type")).as(target).startsWith("application/json");
            assertThat(Api.JSON.readTree(a.body()).get("success").asBoolean()).isFalse();
        }
    }

    @Test
    void doesAnswer400WithoutEchoingTheValueWhenAHeaderAHandlerReadsHoldsControlCharacters() {
        String key = newOrganization().test().apiKey();
        // UTF-8 text sent raw: the server reads the bytes as ISO-8859-1, and 0x80-0x9f are control characters
        String utf8 = new String("日本語😀".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        for (String request : new String[] {"GET /v1/connection HTTP/1.1\r\naccess_token: " + utf8,
                "GET /v1/proxy/me HTTP/1.1\r\naccess_token: " + utf8,
                "GET /api/v2/public/application/sandbox-keys HTTP/1.1\r\nlinked_account_id: " + utf8,
                "DELETE /api/v2/public/slug/sandbox-keys/config HTTP/1.1\r\nlinked_account_id: x\u0085y"}) {
            RawHttp.Answer a = RawHttp.exchange(port, (request + "\r\nHost: x\r\nx-api-key: " + key
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            ErrorShape.check(a, 400, "invalid_request");
            assertThat(a.body()).as(request).doesNotContain(utf8).doesNotContain("日本語");
        }
    }

    @Test
    void doesAnswer415WhenContentTypeIsAWildcard() {
        Api key = newOrganization().test().withKey(api);
        Api.Response r = key.send(HttpRequest.newBuilder(URI.create(api.base()
                        + "/api/v2/public/linked-account")).header("x-api-key", "ignored")
                .header("content-type", "*/*").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.json().get("error_type").asString()).isEqualTo("invalid_request");
    }
}
