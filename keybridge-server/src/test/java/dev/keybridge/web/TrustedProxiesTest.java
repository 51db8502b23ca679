package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.config.KeybridgeSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** X-Forwarded-For names the client only as RemoteIpValve read it: from the right, past trusted proxies. */
class TrustedProxiesTest {

    private static TrustedProxies proxies(Map<String, String> properties) {
        return new TrustedProxies(new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("keybridge", Bindable.of(KeybridgeSettings.class)));
    }

    @Test
    void doesTrustOnlyTheSettingWhenItIsGiven() {
        assertThat(proxies(Map.of()).trusted()).isEqualTo("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1");
        assertThat(proxies(Map.of("keybridge.rate-limits.trusted-proxies", "10\\.0\\.0\\.5")).trusted())
                .isEqualTo("10\\.0\\.0\\.5");
    }

    @Test
    void doesTakeTheRightMostUntrustedAddressWhenTheListHasSeveral() {
        TrustedProxies proxies = proxies(Map.of("keybridge.rate-limits.trusted-proxies", "10\\.0\\.0\\.\\d+"));
        assertThat(proxies.client(List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(proxies.client(List.of("6.6.6.6, 203.0.113.9, 10.0.0.2"))).as("the forged left value loses")
                .isEqualTo("203.0.113.9");
        assertThat(proxies.client(List.of("6.6.6.6", "203.0.113.9"))).as("several header lines").isEqualTo("203.0.113.9");
        assertThat(proxies.client(List.of("10.0.0.3, 10.0.0.2"))).as("all trusted: the left-most").isEqualTo("10.0.0.3");
        assertThat(proxies.client(List.of(" , "))).isNull();
        assertThat(proxies.client(List.of())).isNull();
    }
}
