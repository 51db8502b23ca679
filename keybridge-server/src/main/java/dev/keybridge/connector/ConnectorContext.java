package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a connector may use: the app (URLs already resolved), the organization's client for it (for
 * families that {@linkplain Connector#usesClient() use one}), the callback URL, an HTTP client with
 * Keybridge's timeouts, the {@code state} value Link binds to a redirect (null outside Link), the
 * clock, and the connection {@code fields} the Link was made with (e.g. a subdomain for the app's
 * {@code {subdomain}} URL placeholders; stored with the connection; empty when none), and the {@code scopes}
 * to ask for (update mode asking for more: the connection's and the new ones; empty: the app's own).
 */
public record ConnectorContext(AppDefinition app, String clientId, String clientSecret, String callbackUrl,
                               HttpClient http, Duration timeout, String state, Clock clock, Map<String, String> fields,
                               List<String> scopes) {

    public ConnectorContext {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** Asking for the app's own scopes. */
    public ConnectorContext(AppDefinition app, String clientId, String clientSecret, String callbackUrl,
                            HttpClient http, Duration timeout, String state, Clock clock, Map<String, String> fields) {
        this(app, clientId, clientSecret, callbackUrl, http, timeout, state, clock, fields, List.of());
    }

    /** The same context asking for {@code next} scopes (empty: the app's own). */
    public ConnectorContext withScopes(List<String> next) {
        return new ConnectorContext(app, clientId, clientSecret, callbackUrl, http, timeout, state, clock, fields, next);
    }

    /** Without connection fields. */
    public ConnectorContext(AppDefinition app, String clientId, String clientSecret, String callbackUrl,
                            HttpClient http, Duration timeout, String state, Clock clock) {
        this(app, clientId, clientSecret, callbackUrl, http, timeout, state, clock, Map.of());
    }

    /** Without a Link state, on the system clock. */
    public ConnectorContext(AppDefinition app, String clientId, String clientSecret, String callbackUrl,
                            HttpClient http, Duration timeout) {
        this(app, clientId, clientSecret, callbackUrl, http, timeout, null, Clock.systemUTC());
    }
}
