package dev.keybridge.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The container's share of "every refused request in the error shape": Tomcat's HTML error page is
 * replaced by {@link JsonErrorReportValve}, and what the connector refuses before Spring runs
 * (encoded slashes and backslashes, {@code %00}, bad escapes) reaches that valve as a 400.
 */
@Component
class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
        factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("reject");
            connector.setRejectSuspiciousURIs(true);
        });
    }
}
