package dev.keybridge.web;

import dev.keybridge.config.KeybridgeSettings;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.function.ToIntFunction;

/**
 * On a string member of a request record whose longest length is a runtime setting
 * ({@link KeybridgeSettings.Limits}) rather than a fixed {@code @Size(max = …)}: {@link JsonFields} checks the
 * configured value, and the OpenAPI document shows it as the member's {@code maxLength}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface MaxLengthSetting {

    Limit value();

    /** The settings a member's length can follow. */
    enum Limit {
        /** Ids the caller chooses ({@code linked_account_id}, {@code user_id}, …): {@code keybridge.limits.max-id-length}. */
        ID(KeybridgeSettings.Limits::maxIdLength),
        /** Display names: {@code keybridge.limits.max-name-length}. */
        NAME(KeybridgeSettings.Limits::maxNameLength);

        private final ToIntFunction<KeybridgeSettings.Limits> setting;

        Limit(ToIntFunction<KeybridgeSettings.Limits> setting) {
            this.setting = setting;
        }

        public int of(KeybridgeSettings.Limits limits) {
            return setting.applyAsInt(limits);
        }
    }
}
