package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Asserts one answer of Keybridge's own is an error in the wire shape (wire-formats §5): the status,
 * JSON with {@code success: false}, {@code error}, {@code message}, an {@code error_type} of the
 * contract's families, a {@code request_id} that is also the {@code x-request-id} header, and the
 * {@code x-keybridge-error} marker header naming the same error.
 */
final class ErrorShape {

    static final Set<String> ERROR_TYPES = Set.of("invalid_request", "authentication", "not_found", "conflict",
            "rate_limited", "connection", "internal");

    private ErrorShape() {}

    static JsonNode check(RawHttp.Answer a, int status, String error) {
        String what = a.status() + " " + a.headers() + "\n" + a.body();
        assertThat(a.status()).as(what).isEqualTo(status);
        assertThat(a.header("content-type")).as(what).startsWith("application/json");
        JsonNode body = Api.JSON.readTree(a.body());
        assertThat(body.path("success").isBoolean() && !body.path("success").asBoolean()).as(what).isTrue();
        assertThat(body.path("error").asString("")).as(what).isEqualTo(error);
        assertThat(body.path("message").asString("")).as(what).isNotBlank();
        assertThat(ERROR_TYPES).as(what).contains(body.path("error_type").asString(""));
        assertThat(body.path("request_id").asString("")).as(what).isNotBlank()
                .isEqualTo(a.header("x-request-id"));
        assertThat(a.header("x-keybridge-error")).as(what).isEqualTo(error);
        return body;
    }

    static JsonNode check(Api.Response r, int status, String error) {
        String what = r.status() + " " + r.headers().map() + "\n" + r.text();
        assertThat(r.status()).as(what).isEqualTo(status);
        assertThat(r.header("content-type")).as(what).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.path("success").isBoolean() && !body.path("success").asBoolean()).as(what).isTrue();
        assertThat(body.path("error").asString("")).as(what).isEqualTo(error);
        assertThat(body.path("message").asString("")).as(what).isNotBlank();
        assertThat(ERROR_TYPES).as(what).contains(body.path("error_type").asString(""));
        assertThat(body.path("request_id").asString("")).as(what).isNotBlank().isEqualTo(r.header("x-request-id"));
        assertThat(r.header("x-keybridge-error")).as(what).isEqualTo(error);
        return body;
    }
}
