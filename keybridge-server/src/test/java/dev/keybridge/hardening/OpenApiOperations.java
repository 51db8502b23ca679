package dev.keybridge.hardening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The operations of an OpenAPI document as the fuzzer needs them: method, path, parameters (with
 * their schemas), the JSON request body's schema, the security schemes and the statuses declared.
 * {@code $ref}s into {@code components} are resolved by {@link #resolve}.
 */
final class OpenApiOperations {

    /** A parameter: where it goes ({@code path}, {@code query}, {@code header}), its name and schema. */
    record Param(String in, String name, boolean required, JsonNode schema) {}

    /** One operation (a method on a path) of the document. */
    record Op(String method, String path, List<Param> params, JsonNode body, String bodySchemaName,
              Set<String> security, Set<Integer> declared) {

        String key() {
            return method + " " + path;
        }

        boolean hasBody() {
            return !body.isMissingNode();
        }

        List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }

        boolean isProxy() {
            return path.startsWith("/v1/proxy/");
        }
    }

    private final JsonNode document;
    private final List<Op> ops = new ArrayList<>();

    OpenApiOperations(JsonNode document) {
        this.document = document;
        for (var path : document.get("paths").properties()) {
            for (var entry : path.getValue().properties()) {
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                if (method.equals("PARAMETERS")) {
                    continue;
                }
                ops.add(op(method, path.getKey(), entry.getValue()));
            }
        }
    }

    List<Op> ops() {
        return ops;
    }

    /** {@code schema} with a top-level {@code $ref} followed (repeatedly); other nodes as they are. */
    JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s.has("$ref"); i++) {
            s = document.at(s.get("$ref").asString().substring(1));
        }
        return s;
    }

    private Op op(String method, String path, JsonNode op) {
        List<Param> params = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode param = resolve(p);
            params.add(new Param(param.path("in").asString(""), param.path("name").asString(""),
                    param.path("required").asBoolean(false), resolve(param.path("schema"))));
        }
        JsonNode bodySchema = op.at("/requestBody/content/application~1json/schema");
        String bodySchemaName = bodySchema.has("$ref") ? bodySchema.get("$ref").asString().replaceAll(".*/", "") : "";
        Set<String> security = new TreeSet<>();
        for (JsonNode alternative : op.path("security")) {
            alternative.propertyNames().forEach(security::add);
        }
        Set<Integer> declared = new TreeSet<>();
        for (String code : op.path("responses").propertyNames()) {
            if (code.matches("\\d{3}")) {
                declared.add(Integer.parseInt(code));
            }
        }
        return new Op(method, path, List.copyOf(params), resolve(bodySchema), bodySchemaName, security, declared);
    }
}
