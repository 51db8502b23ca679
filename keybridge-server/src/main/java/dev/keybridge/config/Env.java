package dev.keybridge.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The environment variable of one {@link KeybridgeSettings} member (README.md documents each). When it is
 * set, {@link EnvironmentVariables} gives its value to the member's property; when it is not, the member's
 * {@code @DefaultValue} applies: the one home of every default.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Env {

    /** The variable's name, {@code KEYBRIDGE_…}. */
    String value();
}
