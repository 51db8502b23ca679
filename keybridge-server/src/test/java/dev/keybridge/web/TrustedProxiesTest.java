package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.config.KeybridgeSettings;
import java.util.Map;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

/** X-Forwarded-For is trusted from KEYBRIDGE_TRUSTED_PROXIES only, not from Tomcat's default private ranges. */
class TrustedProxiesTest {

    private static KeybridgeSettings settings(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("keybridge", Bindable.of(KeybridgeSettings.class));
    }

    @Test
    void doesTrustOnlyTheSettingWhenBootAddedItsValve() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        RemoteIpValve valve = new RemoteIpValve(); // as Boot adds it, trusting every private range
        factory.addEngineValves(valve);

        new TrustedProxies(settings(Map.of())).customize(factory);
        assertThat(valve.getInternalProxies()).isEqualTo("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1");

        new TrustedProxies(settings(Map.of("keybridge.rate-limits.trusted-proxies", "10\\.0\\.0\\.5"))).customize(factory);
        assertThat(valve.getInternalProxies()).isEqualTo("10\\.0\\.0\\.5");
    }
}
