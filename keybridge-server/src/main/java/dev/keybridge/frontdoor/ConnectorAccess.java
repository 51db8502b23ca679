package dev.keybridge.frontdoor;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.PublicUrl;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connector.Connector;
import dev.keybridge.connector.ConnectorContext;
import dev.keybridge.connector.Connectors;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Connectors for calls made outside Link (a key saved from the browser, an imported credential):
 * the app's connector and a context with the organization's OAuth client and Keybridge's timeouts.
 */
@Component
class ConnectorAccess {

    private final Connectors connectors;
    private final AppSettings apps;
    private final PublicUrl publicUrl;
    private final Duration timeout;
    private final HttpClient http;

    ConnectorAccess(Connectors connectors, AppSettings apps, PublicUrl publicUrl, KeybridgeSettings settings) {
        this.connectors = connectors;
        this.apps = apps;
        this.publicUrl = publicUrl;
        this.timeout = settings.link().upstreamTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Connector connector(AppDefinition app) {
        return connectors.find(app.connectorName()).orElseThrow(() -> new Errors.Unavailable("connector_missing",
                "The connector '" + app.connectorName() + "' for " + app.name() + " is not installed.", null));
    }

    ConnectorContext context(Caller caller, AppDefinition app) {
        AppSettings.Client client = app.authType() == AppDefinition.AuthType.OAUTH2
                ? apps.client(caller.orgId(), caller.environment(), app) : null;
        return new ConnectorContext(app, client == null ? null : client.id(), client == null ? null : client.secret(),
                publicUrl.get() + "/link/oauth/callback", http, timeout);
    }

    /** The 4xx (or 502 when the provider could not be asked) for a connector's refusal. */
    static RuntimeException refused(dev.keybridge.connector.Step.Failure f) {
        if (f.code().equals("provider_unreachable") || f.code().equals("verification_failed")) {
            return new Errors.BadGateway(f.code(), f.message());
        }
        return new Errors.InvalidRequest(f.code(), f.message());
    }
}
