package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.hardening.OpenApiOperations.Op;
import dev.keybridge.support.Api;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.MissingNode;

/** The OpenAPI fuzzer's judge and generator without a server: fake answers it must report, and replayable requests. */
class OpenApiFuzzCanFailTest {

    private static final Op OP = new Op("GET", "/api/v2/public/thing/{id}", List.of(), MissingNode.getInstance(), "",
            Set.of("apiKey"), Set.of(200, 400, 401, 500, 503));
    private static final String SHAPED = "{\"success\":false,\"error\":\"invalid_request\",\"message\":\"Bad id.\","
            + "\"error_type\":\"invalid_request\",\"request_id\":\"req-1\"}";

    @Test
    void doesReportAServerErrorEvenWhenTheDocumentDeclaresIt() {
        FuzzVerdicts verdicts = judged(answer(500, SHAPED.replace("invalid_request\",\"message", "internal\",\"message")));

        assertThat(verdicts.failed(false)).isTrue();
        assertThat(verdicts.count(FuzzVerdicts.Kind.SERVER_ERROR)).isEqualTo(1);
        assertThat(verdicts.report(7, 1)).contains("seed 7", "5xx=1", "GET /api/v2/public/thing/{id} SERVER_ERROR",
                "#41", "sent: GET /api/v2/public/thing/x");
    }

    @Test
    void doesReportAnUndeclaredStatusAndFailOnItOnlyWhenStrict() {
        FuzzVerdicts verdicts = judged(answer(404, SHAPED));

        assertThat(verdicts.undeclared()).isEqualTo(Map.of(OP.key(), Set.of(404)));
        assertThat(verdicts.failed(false)).isFalse();
        assertThat(verdicts.failed(true)).isTrue();
        assertThat(verdicts.report(7, 1)).contains("undeclared GET /api/v2/public/thing/{id} -> [404]");
    }

    @Test
    void doesReportA4xxOutOfTheErrorShape() {
        assertThat(judged(answer(400, SHAPED)).failed(true)).as("the shape itself passes").isFalse();
        assertThat(judged(answer(400, SHAPED.replace(",\"request_id\":\"req-1\"", ""))).failed(false)).isTrue();
        assertThat(judged(answer(400, SHAPED.replace("req-1", "req-2"))).failed(false)).isTrue();
        assertThat(judged(answer(400, SHAPED.replace("\"success\":false", "\"success\":true"))).failed(false)).isTrue();
        assertThat(judged(answer(400, "<html>Bad Request</html>")).failed(false)).isTrue();
        assertThat(judged(new RawHttp.Answer(400, "HTTP/1.1 400 \r\ncontent-type: application/json\r\nx-request-id: req-1",
                SHAPED)).count(FuzzVerdicts.Kind.ERROR_SHAPE)).as("no x-keybridge-error marker").isEqualTo(1);
        assertThat(judged(new RawHttp.Answer(0, "", "")).count(FuzzVerdicts.Kind.NO_ANSWER)).isEqualTo(1);
    }

    @Test
    void doesGenerateTheSameBytesForTheSameSeedAndDifferentOnesForAnother() throws Exception {
        OpenApiOperations doc = new OpenApiOperations(Api.JSON.readTree(Files.readString(OpenApiFuzzTest.DOCUMENT)));
        OpenApiRequests.Known known = new OpenApiRequests.Known("kb_test_k", "ci_test_c", "cs_test_s", "kb_live_k", "admin",
                "session", Map.of("slug", List.of("sandbox-keys")));
        OpenApiRequests generator = new OpenApiRequests(doc, known);

        for (int i = 0; i < doc.ops().size() * 20; i++) {
            Op op = doc.ops().get(i % doc.ops().size());
            byte[] once = generator.generate(i, op, new Random(OpenApiFuzzTest.mix(1, i))).bytes();
            assertThat(generator.generate(i, op, new Random(OpenApiFuzzTest.mix(1, i))).bytes()).isEqualTo(once);
            assertThat(new String(once, StandardCharsets.ISO_8859_1)).startsWith(op.method() + " /");
        }
        assertThat(generator.generate(0, doc.ops().get(1), new Random(OpenApiFuzzTest.mix(1, 0))).bytes())
                .isNotEqualTo(generator.generate(0, doc.ops().get(1), new Random(OpenApiFuzzTest.mix(2, 0))).bytes());
    }

    private static FuzzVerdicts judged(RawHttp.Answer answer) {
        FuzzVerdicts verdicts = new FuzzVerdicts();
        verdicts.judge(new OpenApiRequests.Case(41, OP, "valid", "GET /api/v2/public/thing/x HTTP/1.1\r\n\r\n".getBytes(
                StandardCharsets.ISO_8859_1)), answer);
        return verdicts;
    }

    private static RawHttp.Answer answer(int status, String body) {
        String error = Api.JSON.readTree(body.startsWith("{") ? body : "{}").path("error").asString("invalid_request");
        return new RawHttp.Answer(status, "HTTP/1.1 " + status + " \r\ncontent-type: application/json\r\nx-request-id: req-1"
                + "\r\nx-keybridge-error: " + error, body);
    }
}
