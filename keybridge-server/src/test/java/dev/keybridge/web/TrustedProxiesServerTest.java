package dev.keybridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.support.IntegrationTest;
import java.util.Arrays;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/** The running server's connectors: the setting's customizer, and no forwarded-headers customizer trusting all. */
class TrustedProxiesServerTest extends IntegrationTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Autowired
    KeybridgeSettings settings;

    @Test
    void doesTrustForwardedAddressesOnlyFromTheSettingWhenTheServerRuns() {
        JettyWebServer server = (JettyWebServer) context.getWebServer();
        var connectors = Arrays.asList(server.getServer().getConnectors());
        assertThat(connectors).isNotEmpty();
        for (var connector : connectors) {
            HttpConfiguration config = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
            assertThat(config.getCustomizers()).noneMatch(ForwardedRequestCustomizer.class::isInstance);
            assertThat(config.getCustomizers()).filteredOn(TrustedProxies.class::isInstance).singleElement()
                    .extracting(c -> ((TrustedProxies) c).trusted())
                    .isEqualTo(settings.rateLimits().trustedProxies())
                    .isEqualTo("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|0:0:0:0:0:0:0:1");
        }
    }
}
