package dev.keybridge.support;

import dev.keybridge.config.KeybridgeSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link KeybridgeSettings} bound as the server binds them (every default, plus the properties given),
 * for unit tests that need settings but no Spring context:
 * {@code SettingsBuilder.settings().with("keybridge.webhooks.retry-schedule", "1m,5m").build()}.
 */
public final class SettingsBuilder {

    private final Map<String, String> properties = new LinkedHashMap<>();

    private SettingsBuilder() {}

    public static SettingsBuilder settings() {
        return new SettingsBuilder();
    }

    /** One property by its full name, e.g. {@code keybridge.webhooks.retry-schedule}. */
    public SettingsBuilder with(String property, String value) {
        properties.put(property, value);
        return this;
    }

    public KeybridgeSettings build() {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("keybridge", KeybridgeSettings.class);
    }
}
