package dev.keybridge.web.openapi;

import io.swagger.v3.oas.models.media.Schema;

/**
 * springdoc writes both bounds of a {@code @Size}, also the one left at its default ({@code min = 0},
 * {@code max = Integer.MAX_VALUE}), which says nothing: those are dropped, so a member shows only the
 * bound it declares.
 */
final class SizeBounds {

    private SizeBounds() {}

    @SuppressWarnings("rawtypes")
    static void onlyDeclared(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Object value : schema.getProperties().values()) {
            Schema p = (Schema) value;
            if (p.getMinLength() != null && p.getMinLength() == 0) {
                p.setMinLength(null);
            }
            if (p.getMaxLength() != null && p.getMaxLength() == Integer.MAX_VALUE) {
                p.setMaxLength(null);
            }
            if (p.getMinItems() != null && p.getMinItems() == 0) {
                p.setMinItems(null);
            }
            if (p.getMaxItems() != null && p.getMaxItems() == Integer.MAX_VALUE) {
                p.setMaxItems(null);
            }
        }
    }
}
