package dev.keybridge.web.openapi;

import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.JsonRequestPart;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@code web.JsonFields} enforces on a request record ({@link JsonRequest}), said in its schema: no member
 * but the declared ones ({@code additionalProperties: false}: an unknown field is a 400), and a required string
 * is not empty ({@code minLength: 1}: a missing or blank one is a 400). Records that read their body as a whole
 * (no declared members) are left as they are. The objects nested in a closed body ({@code your_app}, the
 * sandbox's {@code options}, a config's {@code workflows[]}) are read as strictly ({@code JsonFields.at}):
 * {@link #closeNested} closes their schemas too.
 */
final class RequestShapes implements ModelConverter {

    @Override
    @SuppressWarnings("rawtypes")
    public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> c = type.getType() == null ? null : Json.mapper().constructType(type.getType()).getRawClass();
        if (schema == null || c == null || !c.isRecord()
                || !JsonRequest.class.isAssignableFrom(c) && !JsonRequestPart.class.isAssignableFrom(c)) {
            return schema;
        }
        Schema target = schema;
        if (schema.get$ref() != null && context.getDefinedModels() != null) {
            target = context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        if (target == null || target.getProperties() == null || target.getProperties().isEmpty()) {
            return schema;
        }
        target.setAdditionalProperties(false);
        if (target.getRequired() != null) {
            for (Object name : target.getRequired()) {
                Schema p = (Schema) target.getProperties().get(name);
                if (p != null && isString(p) && (p.getMinLength() == null || p.getMinLength() == 0)) {
                    p.setMinLength(1);
                }
            }
        }
        return schema;
    }

    @SuppressWarnings("rawtypes")
    private static boolean isString(Schema p) {
        return "string".equals(p.getType()) || p.getTypes() != null && p.getTypes().contains("string");
    }

    /** Closes every object schema a closed request body refers to, at any depth. */
    @SuppressWarnings("rawtypes")
    static void closeNested(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        if (openApi.getPaths() == null || schemas == null) {
            return;
        }
        Deque<Schema> todo = new ArrayDeque<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                op.getRequestBody().getContent().values().forEach(media -> todo.add(media.getSchema()));
            }
        }));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            if (s == null) {
                continue;
            }
            if (s.get$ref() != null) {
                String name = s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
                Schema target = schemas.get(name);
                if (target != null && seen.add(name) && Boolean.FALSE.equals(target.getAdditionalProperties())) {
                    nested(target, todo, schemas);
                }
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static void nested(Schema closed, Deque<Schema> todo, Map<String, Schema> schemas) {
        Deque<Schema> members = new ArrayDeque<>();
        if (closed.getProperties() != null) {
            members.addAll(closed.getProperties().values());
        }
        while (!members.isEmpty()) {
            Schema m = members.pop();
            if (m.getItems() != null) {
                members.add(m.getItems());
            }
            for (List<Schema> alternatives : Arrays.asList(m.getAnyOf(), m.getOneOf(), m.getAllOf())) {
                if (alternatives != null) {
                    members.addAll(alternatives);
                }
            }
            if (m.get$ref() != null) {
                Schema target = schemas.get(m.get$ref().substring(m.get$ref().lastIndexOf('/') + 1));
                if (target != null && target.getProperties() != null && !target.getProperties().isEmpty()
                        && target.getAdditionalProperties() == null) {
                    target.setAdditionalProperties(false);
                }
                todo.add(m);
            }
        }
    }
}
