package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.support.ApiContract;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@link ApiContract}, which checks every answer a test gets through {@code support.Api}, catches what breaks the document. */
class ApiContractTest {

    private static final String SESSION_TOKEN = "/api/v2/public/session-token";
    private static final String JSON = "application/json";
    private static final String SECRET = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRoYXQtbXVzdC1ub3QtbGVhaw.sig";
    private static final String NOT_FOUND = "{\"success\":false,\"error\":\"not_found\",\"message\":\"No such thing.\","
            + "\"error_type\":\"not_found\",\"request_id\":\"r1\"}";

    @Test
    void doesAcceptAnAnswerWhenItMatchesTheDeclaredSchema() {
        String body = "{\"token\":\"" + SECRET + "\",\"token_id\":\"t1\",\"expires_at\":\"2026-01-01T00:00:00.000Z\",\"apps\":null}";

        assertThat(ApiContract.problems("POST", SESSION_TOKEN, 200, JSON, body, false)).isEmpty();
    }

    @Test
    void doesReportTheOperationAndPointerButNotTheValueWhenABodyBreaksTheSchema() {
        String body = "{\"token\":\"" + SECRET + "\",\"token_id\":7,\"apps\":null}";

        assertThat(ApiContract.problems("POST", SESSION_TOKEN, 200, JSON, body, false))
                .anyMatch(p -> p.startsWith("operation sessionCreate: "))
                .anyMatch(p -> p.contains("expires_at"))
                .anyMatch(p -> p.contains("/token_id"))
                .noneMatch(p -> p.contains(SECRET));
    }

    @Test
    void doesReportAStatusWhenTheOperationDoesNotDeclareIt() {
        assertThat(ApiContract.problems("POST", SESSION_TOKEN, 418, JSON, NOT_FOUND, false))
                .anyMatch(p -> p.contains("418"));
    }

    @Test
    void doesReportAnErrorWhenItIsNotInTheErrorShape() {
        assertThat(ApiContract.problems("POST", SESSION_TOKEN, 400, JSON, "{\"error\":\"bad\"}", false))
                .anyMatch(p -> p.contains("error_type"));
    }

    @Test
    void doesReportAnUndocumentedPathWhenItAnswersSuccess() {
        assertThat(ApiContract.problems("GET", "/api/v2/public/brand-new", 200, JSON, "{}", false))
                .anyMatch(p -> p.contains("is not in the document"));
        assertThat(ApiContract.problems("PATCH", SESSION_TOKEN, 200, JSON, "{}", false))
                .anyMatch(p -> p.contains("is not in the document"));
    }

    @Test
    void doesAcceptAnUndocumentedPathOrMethodWhenItAnswersAnErrorInTheErrorShape() {
        assertThat(ApiContract.problems("GET", "/api/v2/public/nothing-here", 404, JSON, NOT_FOUND, true)).isEmpty();
        assertThat(ApiContract.problems("PATCH", SESSION_TOKEN, 405, JSON, NOT_FOUND, true)).isEmpty();
        assertThat(ApiContract.problems("GET", "/api/v2/public/nothing-here", 404, JSON, "{}", true)).isNotEmpty();
    }

    @Test
    void doesSkipPagesAndTheUpstreamsAnswerWhenTheyAreNotTheApi() {
        assertThat(ApiContract.problems("GET", "/dashboard/accounts", 200, "text/html", "<html>", false)).isEmpty();
        assertThat(ApiContract.problems("GET", "/link", 200, "text/html", "<html>", false)).isEmpty();
        assertThat(ApiContract.problems("GET", "/v1/proxy/anything", 418, "text/plain", "teapot", false)).isEmpty();
        assertThat(ApiContract.problems("GET", "/v1/proxy/anything", 403, JSON, "{}", true)).isNotEmpty();
    }

    @Test
    void doesFailTheCallWhenTheAnswerBreaksTheDocument() {
        assertThatThrownBy(() -> ApiContract.requireValid("POST", URI.create("http://127.0.0.1:1" + SESSION_TOKEN), 418, JSON,
                NOT_FOUND, false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST " + SESSION_TOKEN + " → 418");
    }
}
