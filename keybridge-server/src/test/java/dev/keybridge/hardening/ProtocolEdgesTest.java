package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests Jetty or Spring refuse before (or instead of) a controller, over real sockets: each is a
 * 4xx (or the 501 RFC 9110 and 9112 name) in the error shape with a request id, the 405s and 501s
 * carry the route's own {@code Allow}, and none changes anything.
 */
class ProtocolEdgesTest extends IntegrationTest {

    private static final String ACCOUNTS = "/api/v2/public/linked-account";

    private TestOrganization org;
    private String key;

    @BeforeEach
    void organization() {
        org = newOrganization();
        key = "x-api-key: " + org.test().apiKey();
        Api.Response kept = org.test().withKey(api).put(ACCOUNTS, Accounts.account("kept").body());
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
    }

    private static Set<String> allow(String header) {
        assertThat(header).as("Allow").isNotNull();
        return Arrays.stream(header.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    @Test
    void doesAnswer400InTheShapeAndChangeNothingWhenAQueryParameterHasNoName() {
        Map<String, String> before = TableChecksum.settled(jdbc, org.id());
        String admin = "authorization: Bearer " + ADMIN_TOKEN;
        String[][] requests = {
                {"GET", ACCOUNTS + "?=x", key},
                {"GET", ACCOUNTS + "?limit=5&=x", key},
                {"GET", ACCOUNTS + "?=", key},
                {"GET", ACCOUNTS + "/kept?=x", key},
                {"DELETE", ACCOUNTS + "/kept?=x", key},
                {"GET", "/api/v2/public/webhook?=x", key},
                {"DELETE", "/api/v2/public/webhook?=x", key},
                {"GET", "/link/token/exchange?public_token=pt_test_x&=x", key},
                {"GET", "/link/result?token=lt_test_x&=x", "accept: application/json"},
                {"GET", "/admin/v1/organizations?=x", admin},
                {"GET", ACCOUNTS + "?" + "a&".repeat(1000) + "a", key},
        };
        for (String[] r : requests) {
            ErrorShape.check(RawHttp.send(port, r[0], r[1], null, r[2]), 400, "invalid_request");
        }
        ErrorShape.check(RawHttp.send(port, "PUT", ACCOUNTS + "?=x", "{\"linked_account_id\":\"new-one\"}", key,
                "Content-Type: application/json"), 400, "invalid_request");
        ErrorShape.check(RawHttp.send(port, "POST", "/api/v2/public/session-token?=x", "{\"linked_account_id\":\"kept\"}",
                key, "Content-Type: application/json"), 400, "invalid_request");

        assertThat(TableChecksum.of(jdbc, org.id())).as("every table, before and after").isEqualTo(before);
        assertThat(org.test().withKey(api).get(ACCOUNTS + "/kept").status()).isEqualTo(200);
    }

    @Test
    void doesAnswer501UnsupportedTransferEncodingAndChangeNothingWhenTheBodyHasATransferCodingOtherThanChunked() {
        Map<String, String> before = TableChecksum.settled(jdbc, org.id());
        for (String coding : new String[] {"gzip", "gzip, chunked", "compress"}) {
            RawHttp.Answer a = RawHttp.send(port, "PUT", ACCOUNTS, "{\"linked_account_id\":\"gzipped\"}", key,
                    "Content-Type: application/json", "Transfer-Encoding: " + coding);
            JsonNode body = ErrorShape.check(a, 501, "unsupported_transfer_encoding");
            assertThat(body.get("error_type").asString()).as(coding).isEqualTo("invalid_request");
        }
        assertThat(TableChecksum.of(jdbc, org.id())).isEqualTo(before);
    }

    @Test
    void doesAnswerTraceWith405InTheShapeWithARequestIdAndTheRoutesAllow() {
        RawHttp.Answer a = RawHttp.send(port, "TRACE", ACCOUNTS, null, key);
        ErrorShape.check(a, 405, "method_not_allowed");
        assertThat(allow(a.header("allow"))).containsExactlyInAnyOrder("GET", "HEAD", "POST", "PUT", "OPTIONS");
        assertThat(a.body()).as("TRACE echoes nothing").doesNotContain(org.test().apiKey());

        RawHttp.Answer one = RawHttp.send(port, "TRACE", ACCOUNTS + "/kept", null, key, "x-request-id: trace-1");
        assertThat(ErrorShape.check(one, 405, "method_not_allowed").get("request_id").asString()).isEqualTo("trace-1");
        assertThat(allow(one.header("allow"))).containsExactlyInAnyOrder("GET", "HEAD", "DELETE", "OPTIONS");
    }

    @Test
    void doesAnswer405WithTheRoutesAllowWhenTheRouteTakesOtherMethods() {
        RawHttp.Answer patch = RawHttp.send(port, "PATCH", ACCOUNTS, "{}", key, "Content-Type: application/json");
        ErrorShape.check(patch, 405, "method_not_allowed");
        assertThat(allow(patch.header("allow"))).containsExactlyInAnyOrder("GET", "HEAD", "POST", "PUT", "OPTIONS");

        RawHttp.Answer post = RawHttp.send(port, "POST", ACCOUNTS + "/kept", "{}", key, "Content-Type: application/json");
        ErrorShape.check(post, 405, "method_not_allowed");
        assertThat(allow(post.header("allow"))).containsExactlyInAnyOrder("GET", "HEAD", "DELETE", "OPTIONS");

        RawHttp.Answer result = RawHttp.send(port, "DELETE", "/link/result?token=lt_test_x", null);
        ErrorShape.check(result, 405, "method_not_allowed");
        assertThat(allow(result.header("allow"))).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
    }

    @Test
    void doesAnswer501WithTheRoutesAllowWhenTheServerDoesNotKnowTheMethod() {
        Map<String, String> before = TableChecksum.settled(jdbc, org.id());
        for (String credential : new String[] {key, "x-unrelated: 1"}) {
            RawHttp.Answer a = RawHttp.send(port, "FOO", ACCOUNTS, "{\"linked_account_id\":\"foo\"}", credential,
                    "Content-Type: application/json");
            ErrorShape.check(a, 501, "method_not_implemented");
            assertThat(allow(a.header("allow"))).containsExactlyInAnyOrder("GET", "HEAD", "POST", "PUT", "OPTIONS");
        }
        RawHttp.Answer proxy = RawHttp.send(port, "PROPFIND", "/v1/proxy/anything", null, key);
        ErrorShape.check(proxy, 501, "method_not_implemented");
        assertThat(allow(proxy.header("allow"))).containsExactlyInAnyOrder("GET", "HEAD", "POST", "PUT", "PATCH",
                "DELETE", "OPTIONS");
        RawHttp.Answer nowhere = RawHttp.send(port, "FOO", "/no/such/path", null, key);
        ErrorShape.check(nowhere, 501, "method_not_implemented");
        assertThat(nowhere.header("allow")).as("no route, nothing to list").isNull();
        assertThat(TableChecksum.of(jdbc, org.id())).isEqualTo(before);
    }

    @Test
    void doesAnswerConnectWith501InTheShapeWithARequestId() {
        RawHttp.Answer a = RawHttp.send(port, "CONNECT", "127.0.0.1:443", null, key);
        JsonNode body = ErrorShape.check(a, 501, "method_not_implemented");
        assertThat(body.get("error_type").asString()).isEqualTo("invalid_request");
        // CONNECT takes an authority ("host:port", RFC 9112 §3.2.3): a path there is a malformed request line.
        ErrorShape.check(RawHttp.send(port, "CONNECT", "/api/v2/public/linked-account", null, key), 400,
                "invalid_request");
    }

    @Test
    void doesAdvertiseItsOwnMethodsWhenOptionsAsksAboutWebhookSubscribe() {
        Api server = org.test().withKey(api);
        Api.Response subscribe = server.send("OPTIONS", "/api/v2/public/webhook/subscribe", null);
        assertThat(subscribe.status()).isEqualTo(200);
        assertThat(allow(subscribe.header("allow"))).containsExactlyInAnyOrder("POST", "OPTIONS");
        ErrorShape.check(server.get("/api/v2/public/webhook/subscribe"), 405, "method_not_allowed");
        assertThat(allow(server.get("/api/v2/public/webhook/unsubscribe").header("allow")))
                .containsExactlyInAnyOrder("POST", "OPTIONS");

        Api.Response one = server.send("OPTIONS", "/api/v2/public/webhook/whe_0123456789abcdef01234567", null);
        assertThat(allow(one.header("allow"))).containsExactlyInAnyOrder("GET", "HEAD", "PATCH", "DELETE", "OPTIONS");
    }

    @Test
    void doesAnswerAnUnknownLinkTokensResultInTheErrorShape() {
        RawHttp.Answer a = RawHttp.send(port, "GET", "/link/result?token=lt_test_unknown", null);
        ErrorShape.check(a, 404, "invalid_link_token");
        assertThat(a.header("cache-control")).contains("no-store");
    }
}
