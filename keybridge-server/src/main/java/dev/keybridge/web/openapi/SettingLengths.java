package dev.keybridge.web.openapi;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.MaxLengthSetting;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * The {@code maxLength} of a request member marked {@link MaxLengthSetting}: the value this server is
 * configured with (fixed limits are {@code @Size}, which springdoc reads itself).
 */
final class SettingLengths implements PropertyCustomizer {

    private final KeybridgeSettings.Limits limits;

    SettingLengths(KeybridgeSettings.Limits limits) {
        this.limits = limits;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null || type.getCtxAnnotations() == null) {
            return property;
        }
        for (Annotation a : type.getCtxAnnotations()) {
            if (a instanceof MaxLengthSetting setting) {
                property.setMaxLength(setting.value().of(limits));
            }
        }
        return property;
    }
}
