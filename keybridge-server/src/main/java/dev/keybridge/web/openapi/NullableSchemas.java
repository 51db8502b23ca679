package dev.keybridge.web.openapi;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A member's schema that also allows {@code null}, in the OpenAPI 3.1 (JSON Schema 2020-12) form. */
final class NullableSchemas {

    private NullableSchemas() {}

    /**
     * A typed schema gets {@code "null"} among its types (and in its {@code enum}, which would refuse it
     * otherwise); a reference to another schema becomes {@code anyOf: [{$ref}, {type: null}]} (a sibling of
     * {@code $ref} does not change what it refers to); an untyped one (any JSON value) allows null already.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema nullable(Schema property) {
        if (property.get$ref() != null) {
            Schema wrapped = new JsonSchema();
            wrapped.setDescription(property.getDescription());
            wrapped.setAnyOf(List.of(new JsonSchema().$ref(property.get$ref()), new JsonSchema().types(Set.of("null"))));
            return wrapped;
        }
        Set<String> types = property.getTypes() != null ? new LinkedHashSet<>(property.getTypes())
                : property.getType() != null ? new LinkedHashSet<>(List.of(property.getType())) : null;
        if (types == null) {
            return property;
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List<Object> values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }
}
