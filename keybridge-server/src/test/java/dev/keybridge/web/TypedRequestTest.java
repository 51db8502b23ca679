package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Typed request bodies ({@link JsonRequest}) keep the strictness and the messages of the JSON
 * tree reading they replaced: the creator's refusal reaches the caller as is, not as invalid_json.
 */
class TypedRequestTest extends IntegrationTest {

    private static final String ACCOUNTS = "/api/v2/public/linked-account";

    private Api server;

    @BeforeEach
    void organization() {
        server = newOrganization().test().withKey(api);
    }

    @Test
    void doesAnswerInvalidJsonWhenTheBodyIsMalformed() {
        Api.Response r = server.put(ACCOUNTS, "{\"linked_account_id\": \"a\",");

        assertError(r, "invalid_json", "The request body is not valid JSON (or is empty).");
    }

    @Test
    void doesNameTheUnknownFieldWhenOneIsSent() {
        assertError(server.put(ACCOUNTS, Map.of("linked_account_id", "a", "nmae", "x")), "invalid_request",
                "Unknown field 'nmae'.");
        assertError(server.post("/api/v2/public/webhook", Map.of("webhook_url", "https://example.com/h", "x", 1)),
                "invalid_request", "Unknown field 'x'.");
    }

    @Test
    void doesNameTheFieldWhenItHasTheWrongType() {
        assertError(server.put(ACCOUNTS, Map.of("linked_account_id", 7)), "invalid_request",
                "'linked_account_id' must be a string.");
        assertError(server.post("/api/v2/public/webhook", Map.of("webhook_url", "https://example.com/h", "is_enabled", "yes")),
                "invalid_request", "'is_enabled' must be true or false.");
    }

    @Test
    void doesRefuseTheBodyWhenItIsNotAnObject() {
        assertError(server.put(ACCOUNTS, "null"), "invalid_request", "The request body must be a JSON object.");
        assertError(server.put(ACCOUNTS, "[]"), "invalid_request", "The request body must be a JSON object.");
        assertError(server.put(ACCOUNTS, "\"text\""), "invalid_request", "The request body must be a JSON object.");
    }

    @Test
    void doesRefuseNulCharactersWhenTheBodyIsTyped() {
        assertError(server.put(ACCOUNTS, "{\"linked_account_id\": \"a\\u0000b\"}"), "invalid_request",
                "The body holds a NUL character or invalid Unicode (a lone surrogate).");
    }

    @Test
    void doesKeepTheNameWhenAbsentAndClearItWhenNull() {
        server.put(ACCOUNTS, Map.of("linked_account_id", "u1", "name", "Ada"));

        JsonNode kept = server.put(ACCOUNTS, Map.of("linked_account_id", "u1")).json();
        assertThat(kept.get("name").asString()).isEqualTo("Ada");

        Map<String, Object> cleared = new LinkedHashMap<>();
        cleared.put("linked_account_id", "u1");
        cleared.put("name", null);
        JsonNode after = server.put(ACCOUNTS, cleared).json();
        assertThat(after.has("name")).isTrue();
        assertThat(after.get("name").isNull()).isTrue();
    }

    private static void assertError(Api.Response r, String error, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).isEqualTo(error);
        assertThat(r.json().get("message").asString()).isEqualTo(message);
    }
}
