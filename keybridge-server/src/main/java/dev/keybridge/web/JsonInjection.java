package dev.keybridge.web;

import dev.keybridge.config.KeybridgeSettings;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.InjectableValues;

/** What the request records' creators may ask for with {@code @JacksonInject}: the input limits. */
@Configuration(proxyBeanMethods = false)
class JsonInjection {

    @Bean
    JsonMapperBuilderCustomizer requestLimits(KeybridgeSettings settings) {
        return builder -> builder.injectableValues(
                new InjectableValues.Std().addValue(KeybridgeSettings.Limits.class, settings.limits()));
    }
}
