package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.PublicUrl;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.egress.Egress;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Errors;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An app's connector and the context it runs in: the organization's client for the app (only for
 * families that use one), Link's callback URL, the egress door's HTTP client for providers in that
 * environment (timeouts, no redirects, the private-address rule) and the clock. Link, refresh, the proxy and disconnect
 * all come here, so a connector sees the same context wherever it is called from.
 */
@Component
public class AppConnectors {

    /** Where providers send the browser back to Link ({@code link.LinkPageController}). */
    public static final String CALLBACK_PATH = "/link/oauth/callback";

    private final Connectors connectors;
    private final AppSettings apps;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final Duration timeout;
    private final Egress egress;

    AppConnectors(Connectors connectors, AppSettings apps, PublicUrl publicUrl, KeybridgeSettings settings, Clock clock,
                  Egress egress) {
        this.egress = egress;
        this.connectors = connectors;
        this.apps = apps;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.timeout = settings.link().upstreamTimeout();
    }

    /** The connector that links {@code app}; 503 {@code connector_missing} when its jar is not installed. */
    public Connector of(AppDefinition app) {
        return connectors.find(app.connectorName()).orElseThrow(() -> new Errors.Unavailable("connector_missing",
                "The connector '" + app.connectorName() + "' for " + app.name() + " is not installed.", null));
    }

    /** The connector that links {@code app}, if installed. */
    public Optional<Connector> find(AppDefinition app) {
        return connectors.find(app.connectorName());
    }

    /** The redirect URI an operator registers with a provider for every app whose family uses a client. */
    public String callbackUrl() {
        return publicUrl.get() + CALLBACK_PATH;
    }

    /** Whether {@code app}'s family signs in with the organization's own client (id and secret to register). */
    public boolean usesClient(AppDefinition app) {
        return find(app).map(Connector::usesClient).orElse(false);
    }

    /** The context for calls outside a Link redirect (refresh, check, revoke). */
    public ConnectorContext context(String orgId, Environment env, AppDefinition app) {
        return context(orgId, env, app, null);
    }

    /** The context for a Link step; {@code state} is the value a redirect must come back with. */
    public ConnectorContext context(String orgId, Environment env, AppDefinition app, String state) {
        return context(orgId, env, app, state, Map.of());
    }

    /** As above, with the connection fields the Link was made with. */
    public ConnectorContext context(String orgId, Environment env, AppDefinition app, String state,
                                    Map<String, String> fields) {
        AppSettings.Client client = of(app).usesClient() ? apps.client(orgId, env, app) : null;
        return new ConnectorContext(app, client == null ? null : client.id(), client == null ? null : client.secret(),
                callbackUrl(), egress.client(Egress.Purpose.PROVIDER, env.isProduction()), timeout, state, clock,
                fields);
    }
}
