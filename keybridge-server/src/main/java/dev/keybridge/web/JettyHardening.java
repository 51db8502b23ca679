package dev.keybridge.web;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The container's share of "every refused request in the error shape", on Jetty 12: its own error page is
 * replaced by {@link JsonErrorHandler} (what the connector refuses before the servlet context runs: bad
 * request lines, escapes, headers, transfer codings); URIs stay strict (RFC 3986, with no ambiguous or
 * suspicious path: encoded slashes and backslashes, {@code %00}, {@code ..} segments are refused with a 400);
 * no {@code Server} header; and the client address comes from {@code X-Forwarded-For} only through
 * {@link TrustedProxies}, never through a forwarded-headers customizer trusting every peer. Runs after
 * Spring Boot's own Jetty customizer.
 */
@Component
class JettyHardening implements WebServerFactoryCustomizer<JettyServletWebServerFactory>, Ordered {

    private final TrustedProxies trustedProxies;

    JettyHardening(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        factory.setUseForwardHeaders(false);
        factory.addServerCustomizers(this::harden);
    }

    void harden(Server server) {
        server.setErrorHandler(new JsonErrorHandler());
        JsonErrorHandler.Refusals refusals = new JsonErrorHandler.Refusals();
        refusals.setHandler(server.getHandler());
        server.setHandler(refusals);
        for (var connector : server.getConnectors()) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                harden(http.getHttpConfiguration());
            }
        }
    }

    void harden(HttpConfiguration config) {
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setUriCompliance(UriCompliance.RFC3986);
        config.setHttpCompliance(HttpCompliance.RFC9110);
        List<HttpConfiguration.Customizer> customizers = new ArrayList<>(config.getCustomizers());
        customizers.removeIf(c -> c instanceof ForwardedRequestCustomizer || c instanceof TrustedProxies);
        customizers.addFirst(trustedProxies);
        config.setCustomizers(customizers);
    }

    @Override
    public int getOrder() {
        return 1; // after JettyWebServerFactoryCustomizer (0)
    }
}
