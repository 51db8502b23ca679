package dev.keybridge.web;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lints an OpenAPI document in Java, so CI needs no Node: the structure as swagger-parser reads it, every
 * {@code $ref} resolved, and the items of Redocly's recommended rules the document keeps (operation summary,
 * description, {@code operationId} present, URL-safe and unique, a 2xx and a 4xx answer, path parameters
 * declared and used, security schemes defined, a license with a URL or identifier), and request bodies
 * with declared members closed ({@code additionalProperties: false}, as {@code JsonFields} refuses unknown fields).
 */
final class OpenApiLint {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_.~-]+");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private OpenApiLint() {}

    /** The problems found, each naming where; empty when the document is clean. */
    static List<String> problems(String json) {
        List<String> out = new ArrayList<>();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, options);
        if (parsed.getOpenAPI() == null) {
            out.add("swagger-parser: not an OpenAPI document");
        }
        if (parsed.getMessages() != null) {
            parsed.getMessages().forEach(m -> out.add("swagger-parser: " + m));
        }
        JsonNode doc = MAPPER.readTree(json);
        refs(doc, doc, "#", out);
        JsonNode license = doc.at("/info/license");
        if (!license.has("url") && !license.has("identifier")) {
            out.add("#/info/license: no url or identifier");
        }
        operations(doc, out);
        return out;
    }

    private static void refs(JsonNode doc, JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) {
                String target = ref.asString();
                if (!target.startsWith("#/")) {
                    out.add(at + ": $ref " + target + " is not inside the document");
                } else if (doc.at(target.substring(1)).isMissingNode()) {
                    out.add(at + ": unresolved $ref " + target);
                }
            }
            for (String name : node.propertyNames()) {
                refs(doc, node.get(name), at + "/" + name.replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refs(doc, node.get(i), at + "/" + i, out);
            }
        }
    }

    private static void operations(JsonNode doc, List<String> out) {
        Map<String, String> ids = new HashMap<>();
        JsonNode schemes = doc.at("/components/securitySchemes");
        for (String path : doc.get("paths").propertyNames()) {
            JsonNode item = doc.get("paths").get(path);
            for (String method : item.propertyNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                String where = method.toUpperCase(Locale.ROOT) + " " + path;
                JsonNode op = item.get(method);
                if (op.path("summary").asString("").isBlank()) {
                    out.add(where + ": no summary");
                }
                if (op.path("description").asString("").isBlank()) {
                    out.add(where + ": no description");
                }
                String id = op.path("operationId").asString("");
                if (id.isBlank()) {
                    out.add(where + ": no operationId");
                } else {
                    if (!URL_SAFE.matcher(id).matches()) {
                        out.add(where + ": operationId " + id + " is not URL-safe");
                    }
                    String before = ids.putIfAbsent(id, where);
                    if (before != null) {
                        out.add(where + ": operationId " + id + " is also the id of " + before);
                    }
                }
                Set<String> statuses = new LinkedHashSet<>(op.path("responses").propertyNames());
                if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
                    out.add(where + ": no 2xx response");
                }
                if (statuses.stream().noneMatch(s -> s.startsWith("4"))) {
                    out.add(where + ": no 4xx response");
                }
                pathParameters(doc, path, item, op, where, out);
                requestBody(doc, op, where, out);
                for (JsonNode requirement : op.path("security")) {
                    for (String scheme : requirement.propertyNames()) {
                        if (!schemes.has(scheme)) {
                            out.add(where + ": security scheme " + scheme + " is not defined");
                        }
                    }
                }
            }
        }
    }

    /** A JSON body with declared members refuses others, as {@code JsonFields} does (a 400). */
    private static void requestBody(JsonNode doc, JsonNode op, String where, List<String> out) {
        JsonNode schema = op.at("/requestBody/content/application~1json/schema");
        if (schema.has("$ref")) {
            schema = doc.at(schema.get("$ref").asString().substring(1));
        }
        JsonNode additional = schema.path("additionalProperties");
        if (schema.path("properties").size() > 0 && !(additional.isBoolean() && !additional.asBoolean())) {
            out.add(where + ": the request body does not say additionalProperties: false");
        }
    }

    private static void pathParameters(JsonNode doc, String path, JsonNode item, JsonNode op, String where,
                                       List<String> out) {
        Set<String> inPath = new LinkedHashSet<>();
        Matcher m = PATH_PARAMETER.matcher(path);
        while (m.find()) {
            inPath.add(m.group(1));
        }
        Set<String> declared = new LinkedHashSet<>();
        for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode parameter = p.has("$ref") ? doc.at(p.get("$ref").asString().substring(1)) : p;
                if ("path".equals(parameter.path("in").asString(""))) {
                    declared.add(parameter.path("name").asString(""));
                }
            }
        }
        for (String name : inPath) {
            if (!declared.contains(name)) {
                out.add(where + ": path parameter {" + name + "} is not declared");
            }
        }
        for (String name : declared) {
            if (!inPath.contains(name)) {
                out.add(where + ": path parameter " + name + " is declared but not in the path");
            }
        }
    }
}
