package dev.keybridge.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Binds the documented {@code KEYBRIDGE_*} variables ({@link Env} on each {@link KeybridgeSettings} member):
 * a variable that is set (in the environment, or as a system property or argument of that name) becomes
 * its member's property; one that is not set leaves the property absent, so the member's
 * {@code @DefaultValue} applies. The properties come last, so an explicit {@code keybridge.…} property
 * (a test's, say) wins over the variable, as it did when application.properties mapped them.
 */
public final class EnvironmentVariables implements EnvironmentPostProcessor {

    static final String SOURCE = "keybridgeEnvironmentVariables";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (SettingsCatalog.Setting s : SettingsCatalog.all()) {
            String value = s.variable() == null ? null : environment.getProperty(s.variable());
            if (value != null) {
                properties.put(s.property(), value);
            }
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
    }
}
