package dev.keybridge.web.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The component schemas the published paths and webhooks still use (those of left-out paths go with them). */
final class UsedSchemas {

    private static final String PREFIX = "#/components/schemas/";

    private UsedSchemas() {}

    @SuppressWarnings("rawtypes")
    static Map<String, Schema> only(OpenAPI openApi) {
        Map<String, Schema> all = openApi.getComponents().getSchemas();
        Set<String> used = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        refs(Json31.mapper().valueToTree(openApi.getPaths()), todo);
        refs(Json31.mapper().valueToTree(openApi.getComponents().getResponses()), todo);
        refs(Json31.mapper().valueToTree(openApi.getWebhooks()), todo); // the events' payloads
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (used.add(name) && all.containsKey(name)) {
                refs(Json31.mapper().valueToTree(all.get(name)), todo);
            }
        }
        Map<String, Schema> out = new LinkedHashMap<>();
        all.forEach((name, schema) -> {
            if (used.contains(name)) {
                out.put(name, schema);
            }
        });
        return out;
    }

    private static void refs(JsonNode node, Deque<String> into) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(PREFIX)) {
                into.push(ref.asText().substring(PREFIX.length()));
            }
            node.elements().forEachRemaining(child -> refs(child, into));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> refs(child, into));
        }
    }
}
