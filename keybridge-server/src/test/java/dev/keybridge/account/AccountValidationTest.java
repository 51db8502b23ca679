package dev.keybridge.account;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Accounts;
import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad input gets a clear 4xx in the wire shape and changes nothing. */
class AccountValidationTest extends IntegrationTest {

    private static final String PATH = "/api/v2/public/linked-account";

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void organization() {
        org = newOrganization();
        server = org.test().withKey(api);
        server.put(PATH, account("existing").name("Kept").udf("k", "v").body());
    }

    @Test
    void doesRefuseMalformedJson() {
        assertError(server.put(PATH, "{\"linked_account_id\": "), 400, "invalid_json");
        assertError(server.put(PATH, ""), 400, "invalid_json");
    }

    @Test
    void doesRefuseMissingOrEmptyLinkedAccountId() {
        assertError(server.put(PATH, Map.of("name", "x")), 400, "invalid_request", "linked_account_id");
        assertError(server.put(PATH, Map.of("linked_account_id", "")), 400, "invalid_request", "linked_account_id");
        assertError(server.put(PATH, Map.of("linked_account_id", " padded ")), 400, "invalid_request", "white space");
    }

    @Test
    void doesRefuseWrongTypes() {
        assertError(server.put(PATH, "[1,2]"), 400, "invalid_request", "object");
        assertError(server.put(PATH, Map.of("linked_account_id", 42)), 400, "invalid_request", "linked_account_id");
        assertError(server.put(PATH, account("existing").field("name", 7).body()), 400, "invalid_request", "name");
        assertError(server.put(PATH, account("existing").field("udf", "phone").body()), 400, "invalid_request", "udf");
        assertError(server.put(PATH, account("existing").udf("nested", Map.of("a", 1)).body()), 400, "invalid_request", "udf.nested");
        assertError(server.put(PATH, account("existing").field("your_app", Map.of("auth_credentials", Map.of())).body()),
                400, "invalid_request", "your_app.app_id");
        assertError(server.put(PATH, account("existing").field("your_app", Map.of("app_id", "a", "auth_credentials", "s")).body()),
                400, "invalid_request", "auth_credentials");
        assertError(server.put(PATH, account("existing").field("nmae", "typo").body()), 400, "invalid_request", "nmae");
        assertUnchanged();
    }

    @Test
    void doesRefuseOverLongValues() {
        assertError(server.put(PATH, Map.of("linked_account_id", "x".repeat(256))), 400, "invalid_request", "255");
        assertError(server.put(PATH, account("existing").name("n".repeat(256)).body()), 400, "invalid_request", "name");
        assertError(server.put(PATH, account("existing").udf("k".repeat(101), "v").body()), 400, "invalid_request", "100");
        assertError(server.put(PATH, account("existing").udf("k", "v".repeat(2049)).body()), 400, "invalid_request", "2048");
        assertError(server.put(PATH, account("existing").name("bell\u0007").body()), 400, "invalid_request", "control");
        assertUnchanged();
    }

    @Test
    void doesRefuseTooManyUdfKeysAcrossWritesWithoutChangingAnything() {
        Accounts many = account("existing");
        for (int i = 0; i < 100; i++) {
            many.udf("key" + i, i);
        }
        assertError(server.put(PATH, many.body()), 400, "invalid_request", "100 udf keys");
        assertUnchanged();
    }

    @Test
    void doesAnswer413WhenTheBodyIsOverTheLimit() {
        String big = "{\"linked_account_id\":\"big\",\"name\":\"" + "x".repeat(300_000) + "\"}";
        assertError(server.put(PATH, big), 413, "payload_too_large");

        // Chunked: no Content-Length, so the limit is enforced while reading.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(api.base() + PATH))
                .header("x-api-key", org.test().apiKey())
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build();
        assertError(server.send(chunked), 413, "payload_too_large");
        assertThat(server.get(PATH + "/big").status()).isEqualTo(404);
    }

    @Test
    void doesAnswerInTheWireShapeForUnknownPathsAndMethods() {
        Api.Response unknown = server.get("/api/v2/public/nothing-here");
        assertError(unknown, 404, "not_found");
        assertError(server.send("PATCH", PATH, "{}"), 405, "method_not_allowed");
    }

    @Test
    void doesEchoTheCallersRequestId() {
        Api.Response r = server.withHeader("x-request-id", "trace-123").put(PATH, "{");
        assertThat(r.header("x-request-id")).isEqualTo("trace-123");
        assertThat(r.json().get("request_id").asString()).isEqualTo("trace-123");
    }

    private void assertUnchanged() {
        JsonNode a = server.get(PATH + "/existing").json();
        assertThat(a.get("name").asString()).isEqualTo("Kept");
        assertThat(a.get("__v").asInt()).isZero();
        assertThat(a.get("udf")).hasSize(1);
        long events = jdbc.sql("select count(*) from event where org_id = ?").param(org.id()).query(Long.class).single();
        assertThat(events).as("only the creation event").isEqualTo(1);
    }

    static void assertError(Api.Response r, int status, String error, String... messageParts) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        JsonNode body = r.json();
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").asString()).isEqualTo(error);
        assertThat(body.get("error_type").asString()).isNotBlank();
        assertThat(body.get("request_id").asString()).isNotBlank();
        for (String part : messageParts) {
            assertThat(body.get("message").asString()).containsIgnoringCase(part);
        }
    }
}
