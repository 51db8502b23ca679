package dev.keybridge.backup;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.database.EmbeddedDatabase;
import dev.keybridge.database.EmbeddedUpgrade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Before the embedded PostgreSQL starts (ahead of {@code EarlyDatabase}), upgrades a data directory
 * that an earlier release's PostgreSQL made ({@link EmbeddedUpgrade} with {@link UpgradeTransfer}).
 * Registered by {@code KeybridgeApplication.main}, so {@code ./keybridge serve} and {@code java -jar}
 * upgrade; a failed upgrade ends the start with its message and changes nothing.
 */
public final class UpgradeOnStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        KeybridgeSettings settings;
        try {
            settings = Binder.get(event.getEnvironment()).bindOrCreate("keybridge", KeybridgeSettings.class);
        } catch (RuntimeException e) {
            return;   // bad settings: the context reports them as usual
        }
        if (settings.database().isExternal() || EmbeddedDatabase.runsPreviousMajorForTests()) {
            return;
        }
        Clock clock = Clock.systemUTC();
        EmbeddedUpgrade upgrade = new EmbeddedUpgrade(settings.dataDir(), clock);
        try {
            if (!upgrade.isNeeded()) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the embedded data directory " + settings.dataDir(), e);
        }
        upgrade.runIfNeeded(UpgradeTransfer.of(settings, clock));
    }

    /** Right after Spring Boot's logging is set up (before it, every log line is dropped), before {@code EarlyDatabase}. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
