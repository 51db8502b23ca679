package dev.keybridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

/** The documented variables set their members; the ones not set leave the record's defaults. */
class EnvironmentVariablesTest {

    private static KeybridgeSettings bound(MockEnvironment env) {
        new EnvironmentVariables().postProcessEnvironment(env, null);
        return Binder.get(env).bindOrCreate("keybridge", Bindable.of(KeybridgeSettings.class));
    }

    @Test
    void doesGiveTheRecordsDefaultsWhenNoVariableIsSet() {
        KeybridgeSettings s = bound(new MockEnvironment());

        assertThat(s.link().linkTokenTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.webhooks().retrySchedule()).hasSize(7).startsWith(Duration.ofSeconds(5));
        assertThat(s.rateLimits().trustedProxies()).isEqualTo("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1");
        assertThat(s.limits().maxBodyBytes()).isEqualTo(262144);
        assertThat(s.publicUrl()).isNull();
    }

    @Test
    void doesSetTheMemberWhenItsDocumentedVariableIsSet() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("KEYBRIDGE_LINK_TOKEN_TTL", "5m")
                .withProperty("KEYBRIDGE_MAX_BODY_BYTES", "1024")
                .withProperty("KEYBRIDGE_WEBHOOK_WORKERS_ENABLED", "false")
                .withProperty("KEYBRIDGE_WEBHOOK_RETRY_SCHEDULE", "1s,2s")
                .withProperty("KEYBRIDGE_CHECK_INTERVAL", "1h");

        KeybridgeSettings s = bound(env);

        assertThat(s.link().linkTokenTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.limits().maxBodyBytes()).isEqualTo(1024);
        assertThat(s.webhooks().enabled()).isFalse();
        assertThat(s.webhooks().retrySchedule()).isEqualTo(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(s.checks().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(s.link().publicTokenTtl()).as("not set: the default").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void doesLetAnExplicitPropertyWinWhenBothAreSet() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("KEYBRIDGE_LINK_TOKEN_TTL", "5m")
                .withProperty("keybridge.link.link-token-ttl", "7m");

        assertThat(bound(env).link().linkTokenTtl()).isEqualTo(Duration.ofMinutes(7));
    }
}
