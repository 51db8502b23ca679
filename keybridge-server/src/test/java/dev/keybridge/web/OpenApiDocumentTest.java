package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document served at {@code /v3/api-docs} is the contract: a copy lives in the repo at
 * {@code docs/openapi.json}, and this test fails when the served document drifts from it. After an
 * intended change, regenerate the copy with {@code -Dkeybridge.openapi.write=true} (DEVELOPERS.md).
 */
class OpenApiDocumentTest extends IntegrationTest {

    static final Path COPY = Path.of("..", "docs", "openapi.json");
    private static final JsonMapper PRETTY = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Test
    void doesServeTheDocumentKeptInTheRepoWhenTheContractIsUnchanged() throws IOException {
        Api.Response r = document();
        assertThat(r.status()).isEqualTo(200);
        String served = pretty(r.json());

        if (Boolean.getBoolean("keybridge.openapi.write")) {
            Files.writeString(COPY, served, StandardCharsets.UTF_8);
        }
        String kept = Files.exists(COPY) ? Files.readString(COPY, StandardCharsets.UTF_8) : "";
        if (!served.equals(kept)) {
            throw new AssertionError("The served OpenAPI document differs from docs/openapi.json"
                    + firstDifference(kept, served)
                    + "\nIf the change is intended, regenerate the copy: ./mvnw -B -pl keybridge-server test"
                    + " -Dtest=OpenApiDocumentTest -Dkeybridge.openapi.write=true (and review the diff).");
        }
    }

    @Test
    void doesDescribeTheApiWithTitleVersionAndCredentialsWhenServed() {
        JsonNode doc = document().json();

        assertThat(doc.at("/info/title").asString()).isEqualTo("Keybridge API");
        assertThat(doc.at("/info/version").asString()).isNotBlank().isNotEqualTo("v0");
        assertThat(doc.at("/components/securitySchemes").propertyNames())
                .contains("apiKey", "clientId", "clientSecret", "sessionToken");
        assertThat(doc.at("/servers/0/url").asString()).isEqualTo("/");
        for (String path : doc.get("paths").propertyNames()) {
            assertThat(path).doesNotStartWith("/dashboard").doesNotStartWith("/link/s/")
                    .doesNotStartWith("/sandbox/oauth");
        }
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                JsonNode responses = op.getValue().get("responses");
                assertThat(responses.has("400") || responses.has("401") || responses.has("404"))
                        .as("%s %s describes its errors", op.getKey(), path.getKey()).isTrue();
                JsonNode error = responses.get("500");
                if (error.has("$ref")) {
                    error = doc.at(error.get("$ref").asString().substring(1));
                }
                assertThat(error.at("/content/application~1json/schema/$ref").asString())
                        .as("%s %s: the error shape on 500", op.getKey(), path.getKey())
                        .isEqualTo("#/components/schemas/Error");
            }
        }
    }

    @Test
    void doesCloseEveryRequestObjectAndRefuseEmptyRequiredStringsWhenServed() {
        JsonNode doc = document().json();
        Deque<JsonNode> todo = new ArrayDeque<>();
        doc.get("paths").forEach(item -> item.forEach(op -> op.at("/requestBody/content").forEach(media ->
                todo.add(media.get("schema")))));
        Set<String> seen = new HashSet<>();
        List<String> open = new ArrayList<>();
        List<String> emptyAllowed = new ArrayList<>();
        while (!todo.isEmpty()) {
            JsonNode s = todo.pop();
            if (s == null || s.isMissingNode()) {
                continue;
            }
            if (s.has("$ref")) {
                String name = s.get("$ref").asString().substring("#/components/schemas/".length());
                if (seen.add(name)) {
                    JsonNode target = doc.at("/components/schemas/" + name);
                    if (target.has("properties") && !target.path("additionalProperties").isBoolean()) {
                        open.add(name);
                    }
                    for (JsonNode required : target.path("required")) {
                        JsonNode p = target.at("/properties/" + required.asString());
                        boolean plainString = p.path("type").asString("").equals("string")
                                || p.path("type").isArray() && p.path("type").toString().contains("\"string\"");
                        if (plainString && !p.has("enum") && !p.has("format") && p.path("minLength").asInt(0) < 1) {
                            emptyAllowed.add(name + "." + required.asString());
                        }
                    }
                    todo.add(target);
                }
                continue;
            }
            s.path("properties").forEach(todo::add);
            todo.add(s.path("items"));
            for (String alternatives : List.of("anyOf", "oneOf", "allOf")) {
                s.path(alternatives).forEach(todo::add);
            }
        }
        assertThat(seen).as("request schemas reached").contains("SandboxOptions", "LinkedAccountYourApp");
        assertThat(open).as("request objects that accept unknown members").isEmpty();
        assertThat(emptyAllowed).as("required request strings without minLength 1").isEmpty();
        assertThat(doc.at("/components/schemas/SandboxOptions").has("required"))
                .as("the sandbox options each have a default").isFalse();
    }

    private Api.Response document() {
        return api.openApiDocument();
    }

    static String pretty(JsonNode doc) {
        return PRETTY.writeValueAsString(sorted(doc)) + "\n";
    }

    /** Objects with their keys sorted (springdoc's order follows bean discovery); arrays kept. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = PRETTY.createObjectNode();
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(null);
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            var out = PRETTY.createArrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }

    private static String firstDifference(String kept, String served) {
        String[] a = kept.split("\n", -1);
        String[] b = served.split("\n", -1);
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (!a[i].equals(b[i])) {
                return " from line " + (i + 1) + ":\n  docs/openapi.json: " + a[i].strip()
                        + "\n  served:            " + b[i].strip();
            }
        }
        return " in length: docs/openapi.json has " + a.length + " lines, the served document " + b.length + ".";
    }
}
