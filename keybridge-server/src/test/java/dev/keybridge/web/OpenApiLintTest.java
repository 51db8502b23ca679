package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code docs/openapi.json} (the served document, {@link OpenApiDocumentTest} keeps them equal) lints clean
 * with {@link OpenApiLint}; and each kind of problem it looks for is found in a broken copy.
 */
class OpenApiLintTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void doesFindNoProblemWhenTheKeptDocumentIsLinted() throws IOException {
        assertThat(OpenApiLint.problems(kept())).isEmpty();
    }

    @Test
    void doesReportABrokenRefWhenAReferencedSchemaIsMissing() throws IOException {
        ObjectNode doc = document();
        ((ObjectNode) doc.at("/components/schemas")).remove("Error");

        assertThat(OpenApiLint.problems(MAPPER.writeValueAsString(doc)))
                .anyMatch(p -> p.endsWith("unresolved $ref #/components/schemas/Error"));
    }

    @Test
    void doesReportAnOperationWithoutSummaryOrDescriptionWhenTheyAreMissing() throws IOException {
        ObjectNode doc = document();
        ObjectNode op = (ObjectNode) doc.at("/paths/~1api~1v2~1public~1linked-account/get");
        op.remove("summary");
        op.put("description", " ");

        assertThat(OpenApiLint.problems(MAPPER.writeValueAsString(doc))).contains(
                "GET /api/v2/public/linked-account: no summary",
                "GET /api/v2/public/linked-account: no description");
    }

    @Test
    void doesReportAnOperationIdWhenTwoOperationsShareItOrItIsMissing() throws IOException {
        ObjectNode doc = document();
        ((ObjectNode) doc.at("/paths/~1api~1v2~1public~1linked-account/post")).put("operationId", "accountList");
        ((ObjectNode) doc.at("/paths/~1api~1v2~1public~1linked-account/put")).remove("operationId");

        assertThat(OpenApiLint.problems(MAPPER.writeValueAsString(doc))).contains(
                "POST /api/v2/public/linked-account: operationId accountList is also the id of"
                        + " GET /api/v2/public/linked-account",
                "PUT /api/v2/public/linked-account: no operationId");
    }

    @Test
    void doesReportAPathParameterWhenItIsNotDeclared() throws IOException {
        ObjectNode doc = document();
        ((ObjectNode) doc.at("/paths/~1api~1v2~1public~1linked-account~1{linkedAccountId}/get")).remove("parameters");

        assertThat(OpenApiLint.problems(MAPPER.writeValueAsString(doc)))
                .contains("GET /api/v2/public/linked-account/{linkedAccountId}: path parameter {linkedAccountId} is not declared");
    }

    @Test
    void doesReportAnOpenRequestBodyWhenItAllowsUnknownFields() throws IOException {
        ObjectNode doc = document();
        ((ObjectNode) doc.at("/components/schemas/WebhookRedeliver")).remove("additionalProperties");

        assertThat(OpenApiLint.problems(MAPPER.writeValueAsString(doc))).contains(
                "POST /api/v2/public/webhook/{endpointId}/redeliver: the request body does not say additionalProperties: false");
    }

    @Test
    void doesReportWhatTheParserRefusesWhenTheStructureIsWrong() throws IOException {
        ObjectNode doc = document();
        doc.remove("info");

        assertThat(OpenApiLint.problems(MAPPER.writeValueAsString(doc)))
                .anyMatch(p -> p.startsWith("swagger-parser: ") && p.contains("info"));
    }

    private static String kept() throws IOException {
        return Files.readString(OpenApiDocumentTest.COPY, StandardCharsets.UTF_8);
    }

    private static ObjectNode document() throws IOException {
        return (ObjectNode) MAPPER.readTree(kept());
    }
}
