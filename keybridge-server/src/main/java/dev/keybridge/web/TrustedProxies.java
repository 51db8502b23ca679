package dev.keybridge.web;

import dev.keybridge.config.KeybridgeSettings;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The peers whose {@code X-Forwarded-For} gives the client address (rate limits): Tomcat's RemoteIpValve,
 * which Spring Boot adds for {@code server.forward-headers-strategy=native}, trusts exactly
 * {@code KEYBRIDGE_TRUSTED_PROXIES} (the setting, with its default), never Tomcat's wider default of every
 * private address. Runs after Boot's own Tomcat customizer, which adds the valve.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final String trusted;

    TrustedProxies(KeybridgeSettings settings) {
        this.trusted = settings.rateLimits().trustedProxies();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // No valve (forwarded headers off): no peer is trusted, nothing to narrow.
        factory.getEngineValves().stream().filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast)
                .forEach(valve -> valve.setInternalProxies(trusted));
    }

    @Override
    public int getOrder() {
        return 1; // after TomcatWebServerFactoryCustomizer (0)
    }
}
