package dev.keybridge.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Turns what springdoc found into the published contract: only API paths (no hosted pages, no
 * sandbox provider, no {@code 501} stubs), the credential each path takes (the same rules as
 * {@code auth.SecurityConfig}), the error shape on every operation, unique operation ids, and
 * everything sorted so the document does not depend on bean discovery order.
 */
final class ApiDocumentCustomizer implements OpenApiCustomizer {

    /** Paths that are not the API: hosted pages, the sandbox's emulated provider, the not-supported stubs. */
    private static final List<String> NOT_API = List.of("/dashboard", "/link/s/", "/link/oauth/", "/link/assets/",
            "/sandbox/api/", "/sandbox/oauth/", "/api/v2/public/event", "/api/v2/public/execution",
            "/api/v1/workflow/", "/error");

    /** Members that hold a {@code Timestamps.format} time. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "at|.+_at|createdAt|updatedAt|expiration|event_created|since");

    private static final List<String> SERVER_PATHS = List.of("/api/v2/public/", "/link/token/", "/sandbox/public_token/",
            "/sandbox/connection/", "/v1/proxy/", "/v1/connection");
    private static final List<String> SESSION_PATHS = List.of("/api/v3/", "/api/v2/f-sdk/", "/api/v2/app/", "/api/v1/");

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        ErrorResponses.register(components);

        Paths kept = new Paths();
        new TreeMap<>(openApi.getPaths() == null ? Map.<String, PathItem>of() : openApi.getPaths()).forEach((path, item) -> {
            if (isApi(path)) {
                item.readOperationsMap().forEach((method, op) -> describe(path, op));
                kept.addPathItem(path, item);
            }
        });
        openApi.setPaths(kept);
        uniqueOperationIds(kept);
        if (components.getSchemas() != null) {
            components.setSchemas(new TreeMap<>(UsedSchemas.only(openApi)));
            components.getSchemas().values().forEach(ApiDocumentCustomizer::jsonTrees);
            components.getSchemas().values().forEach(SizeBounds::onlyDeclared);
            RequestShapes.closeNested(openApi);
        }
        if (openApi.getTags() != null) {
            openApi.getTags().sort(Comparator.comparing(Tag::getName));
        }
    }

    /**
     * Times are {@code date-time}. A JSON tree member ({@code JsonNode}: "Any JSON value.") has no type; one
     * documented with items is an array (the introspection calls both "object").
     */
    @SuppressWarnings("rawtypes")
    private static void jsonTrees(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, value) -> {
            Schema p = (Schema) value;
            boolean string = "string".equals(p.getType()) || p.getTypes() != null && p.getTypes().contains("string");
            if (string && p.getFormat() == null && TIMESTAMP.matcher(String.valueOf(name)).matches()) {
                p.setFormat("date-time"); // Timestamps.format: ISO-8601 UTC with milliseconds
            }
        });
        for (Object value : schema.getProperties().values()) {
            Schema p = (Schema) value;
            boolean object = "object".equals(p.getType()) || p.getTypes() != null && p.getTypes().contains("object");
            if (!object || p.getProperties() != null || p.getAdditionalProperties() != null) {
                continue;
            }
            if (p.getItems() != null) {
                p.setType("array");
                p.setTypes(new LinkedHashSet<>(List.of("array")));
            } else if (p.getDescription() != null && p.getDescription().startsWith(OpenApiConfig.ANY_JSON)) {
                p.setType(null);
                p.setTypes(null);
            }
        }
    }

    static boolean isApi(String path) {
        if (path.equals("/link")) {
            return false;
        }
        return NOT_API.stream().noneMatch(path::startsWith);
    }

    private static void describe(String path, Operation op) {
        boolean server = SERVER_PATHS.stream().anyMatch(path::startsWith);
        boolean session = !server && SESSION_PATHS.stream().anyMatch(path::startsWith);
        boolean admin = path.startsWith("/admin/");
        if (server) {
            op.setSecurity(List.of(new SecurityRequirement().addList(OpenApiConfig.API_KEY),
                    new SecurityRequirement().addList(OpenApiConfig.CLIENT_ID).addList(OpenApiConfig.CLIENT_SECRET)));
        } else if (session) {
            op.setSecurity(List.of(new SecurityRequirement().addList(OpenApiConfig.SESSION_TOKEN)));
        } else if (admin) {
            op.setSecurity(List.of(new SecurityRequirement().addList(OpenApiConfig.ADMIN_TOKEN)));
        } else {
            op.setSecurity(List.of()); // open: the call carries its own proof (a public token, a link session)
        }
        if (path.startsWith("/v1/proxy/")) {
            op.setSummary("Calls the connection's upstream API with its credentials injected");
            op.setDescription("Send the connection's access token in the `access_token` header; the rest of the path "
                    + "and the query go to the app's API base. The answer is the upstream's, streamed as it is; "
                    + "a 403 `login_required` (with `status_reason`) means the end user must go through update mode.");
            op.getResponses().values().stream().filter(r -> r.getContent() == null && r.get$ref() == null)
                    .forEach(r -> r.setDescription("The upstream API's answer, as it is."));
        }
        // The admin API answers 404 on every path while KEYBRIDGE_ADMIN_TOKEN is unset (it is off).
        ErrorResponses.add(op, server || session || admin, path.contains("{") || admin, op.getRequestBody() != null);
        if (path.startsWith("/v1/proxy/")) {
            op.getResponses().remove("406"); // the upstream's answer, whatever its type (web.AcceptCheck)
        }
    }

    /**
     * One method may serve several paths or methods (the config calls for server and session
     * credentials): such ids get the HTTP method, then "ForSession", then "ById", only as far as
     * needed to tell them apart. Paths are sorted first, so the result does not depend on discovery.
     */
    private static void uniqueOperationIds(Paths paths) {
        List<Named> ops = new ArrayList<>();
        paths.forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            op.setOperationId(op.getOperationId().replaceFirst("_\\d+$", ""));
            ops.add(new Named(path, method.name(), op));
        }));
        List<Function<Named, String>> qualifiers = List.of(
                n -> capitalized(n.method()),
                n -> SESSION_PATHS.stream().anyMatch(n.path()::startsWith) ? "ForSession" : "",
                n -> n.path().endsWith("}") ? "ById" : "");
        for (Function<Named, String> qualifier : qualifiers) {
            Map<String, List<Named>> byId = new HashMap<>();
            ops.forEach(n -> byId.computeIfAbsent(n.op().getOperationId(), k -> new ArrayList<>()).add(n));
            byId.values().stream().filter(group -> group.size() > 1)
                    .filter(group -> group.stream().map(qualifier).distinct().count() > 1)
                    .forEach(group -> group.forEach(n -> n.op().setOperationId(n.op().getOperationId() + qualifier.apply(n))));
        }
    }

    private static String capitalized(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    private record Named(String path, String method, Operation op) {}
}
