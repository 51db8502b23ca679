package dev.keybridge.web.openapi;

import dev.keybridge.web.JsonRequest;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * What {@code web.JsonFields} enforces on a request record ({@link JsonRequest}), said in its schema: no member
 * but the declared ones ({@code additionalProperties: false}: an unknown field is a 400), and a required string
 * is not empty ({@code minLength: 1}: a missing or blank one is a 400). Records that read their body as a whole
 * (no declared members) are left as they are.
 */
final class RequestShapes implements ModelConverter {

    @Override
    @SuppressWarnings("rawtypes")
    public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> c = type.getType() == null ? null : Json.mapper().constructType(type.getType()).getRawClass();
        if (schema == null || c == null || !c.isRecord() || !JsonRequest.class.isAssignableFrom(c)) {
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
}
