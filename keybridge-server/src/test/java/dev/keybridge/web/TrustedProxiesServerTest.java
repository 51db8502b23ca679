package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.support.IntegrationTest;
import java.util.Arrays;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/** The running server's valve, after Spring Boot's own customizer: the setting, not Tomcat's default ranges. */
class TrustedProxiesServerTest extends IntegrationTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Autowired
    KeybridgeSettings settings;

    @Test
    void doesTrustForwardedAddressesOnlyFromTheSettingWhenTheServerRuns() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        RemoteIpValve valve = Arrays.stream(server.getTomcat().getEngine().getPipeline().getValves())
                .filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast).findFirst().orElseThrow();

        assertThat(valve.getInternalProxies()).isEqualTo(settings.rateLimits().trustedProxies())
                .isEqualTo("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1");
    }
}
