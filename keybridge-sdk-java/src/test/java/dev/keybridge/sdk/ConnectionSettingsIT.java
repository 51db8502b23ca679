package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.model.ConnectionSettings;
import dev.keybridge.sdk.support.KeybridgeServer;
import org.junit.jupiter.api.Test;

/** The environment's warning lead time through the SDK against a real server. */
class ConnectionSettingsIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final Keybridge keybridge = server.client(server.newOrganization());

    @Test
    void doesReadAndSetTheWarningLeadTimeAndRefuseOneOutOfRange() {
        assertThat(keybridge.connections().settings()).isEqualTo(new ConnectionSettings(7));

        assertThat(keybridge.connections().updateSettings(new ConnectionSettings(21))).isEqualTo(new ConnectionSettings(21));
        assertThatThrownBy(() -> keybridge.connections().updateSettings(new ConnectionSettings(91)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("expiry_warning_lead_days"));

        assertThat(keybridge.connections().settings()).as("a refused change changes nothing")
                .isEqualTo(new ConnectionSettings(21));
    }
}
