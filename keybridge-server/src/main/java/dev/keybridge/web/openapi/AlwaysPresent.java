package dev.keybridge.web.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.JsonRequestPart;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an answer record's members are on the wire: required when the record always writes them (the server
 * writes nulls unless a member or its record says {@code @JsonInclude(NON_NULL / NON_ABSENT)}; primitives are
 * always written), and nullable ({@code type: [T, "null"]}, or {@code anyOf} a {@code $ref} and null) exactly
 * when the member's type is {@code @Nullable} (jspecify), so a client knows what it can rely on.
 * Request records ({@link JsonRequest}) say what is required with {@code @Schema(requiredMode)} and what may be
 * null with {@code @Schema(nullable)} (a {@code Patch} member: absent and null differ).
 */
final class AlwaysPresent implements ModelConverter {

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> c = type.getType() == null ? null : Json.mapper().constructType(type.getType()).getRawClass();
        if (schema == null || c == null || !c.isRecord() || JsonRequest.class.isAssignableFrom(c)
                || JsonRequestPart.class.isAssignableFrom(c)) {
            return schema;
        }
        Schema target = schema;
        if (schema.get$ref() != null && context.getDefinedModels() != null) {
            target = context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        if (target == null || target.getProperties() == null) {
            return schema;
        }
        List<String> required = new ArrayList<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
            if (p == null && rc.getAnnotation(JsonProperty.class) == null) {
                p = fieldAnnotation(c, rc);
            }
            String name = p != null && !p.value().isEmpty() ? p.value() : rc.getName();
            JsonInclude.Include own = include(rc);
            boolean always = rc.getType().isPrimitive() || own == JsonInclude.Include.ALWAYS
                    || !omitsNulls(c) && (own == null || !omits(own));
            if (always && target.getProperties().containsKey(name)) {
                required.add(name);
            }
            Schema property = (Schema) target.getProperties().get(name);
            if (property != null && rc.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                target.getProperties().put(name, NullableSchemas.nullable(property));
            }
        }
        if (!required.isEmpty()) {
            required.sort(null);
            target.setRequired(required);
        }
        return schema;
    }

    private static @Nullable JsonProperty fieldAnnotation(Class<?> c, RecordComponent rc) {
        try {
            return c.getDeclaredField(rc.getName()).getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean omitsNulls(Class<?> c) {
        JsonInclude i = c.getAnnotation(JsonInclude.class);
        return i != null && omits(i.value());
    }

    /** The member's own inclusion, or null when it has none. */
    private static JsonInclude.@Nullable Include include(RecordComponent rc) {
        JsonInclude i = rc.getAccessor().getAnnotation(JsonInclude.class);
        if (i == null) {
            try {
                i = rc.getDeclaringRecord().getDeclaredField(rc.getName()).getAnnotation(JsonInclude.class);
            } catch (NoSuchFieldException e) {
                i = null;
            }
        }
        return i == null ? null : i.value();
    }

    private static boolean omits(JsonInclude.Include include) {
        return include != JsonInclude.Include.ALWAYS && include != JsonInclude.Include.USE_DEFAULTS;
    }
}
