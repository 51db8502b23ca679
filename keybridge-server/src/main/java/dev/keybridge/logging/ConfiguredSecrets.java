package dev.keybridge.logging;

import dev.keybridge.config.KeybridgeSettings;
import org.springframework.stereotype.Component;

/**
 * Hands the secrets the operator configured (which have no recognizable format) to the
 * {@link Redactor}, so they are masked in every log line even where no name precedes them.
 */
@Component
class ConfiguredSecrets {

    ConfiguredSecrets(KeybridgeSettings settings) {
        Redactor.addLiteral(settings.adminToken());
        Redactor.addLiteral(settings.masterKey());
        Redactor.addLiteral(settings.database().password());
        Redactor.addLiteral(settings.bootstrap().testApiKey());
        Redactor.addLiteral(settings.bootstrap().testClientSecret());
    }
}
