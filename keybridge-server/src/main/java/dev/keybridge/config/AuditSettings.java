package dev.keybridge.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The credential-use audit log (dev.keybridge.audit): how often each node writes its buffered records
 * (a kill -9 loses at most this much; docs/audit.md) and how long records are kept. A record of its own
 * because {@link KeybridgeSettings} is full; {@link SettingsCatalog} reads both.
 */
@ConfigurationProperties("keybridge.audit")
public record AuditSettings(
        @Env("KEYBRIDGE_AUDIT_ENABLED") @DefaultValue("true") boolean enabled,
        @Env("KEYBRIDGE_AUDIT_FLUSH_INTERVAL") @DefaultValue("1s") Duration flushInterval,
        @Env("KEYBRIDGE_AUDIT_RETENTION") @DefaultValue("400d") Duration retention) {

    public AuditSettings {
        if (flushInterval.toMillis() < 10 || flushInterval.toMillis() > 1000) {
            throw new IllegalArgumentException("KEYBRIDGE_AUDIT_FLUSH_INTERVAL must be between 10ms and 1s");
        }
        if (retention.toDays() < 1) {
            throw new IllegalArgumentException("KEYBRIDGE_AUDIT_RETENTION must be at least 1d");
        }
    }
}
