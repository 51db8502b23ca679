package dev.keybridge.database;

import dev.keybridge.config.KeybridgeSettings;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the settings can be read (before any bean exists), begins starting the embedded PostgreSQL
 * when this node uses one; stops it again if the application fails to start before taking it.
 * Registered by {@code KeybridgeApplication.main} only (tests and embedded uses start it in the
 * context as before).
 */
public class EarlyDatabase implements ApplicationListener<ApplicationEvent> {

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            KeybridgeSettings settings;
            try {
                settings = Binder.get(prepared.getEnvironment()).bindOrCreate("keybridge", KeybridgeSettings.class);
            } catch (RuntimeException e) {
                return;   // bad settings: the context reports them as usual, with the embedded start in its place
            }
            if (!settings.database().isExternal()) {
                EarlyStart.begin(settings.dataDir());
            }
        } else if (event instanceof ApplicationFailedEvent) {
            EarlyStart.abandon();
        }
    }
}
