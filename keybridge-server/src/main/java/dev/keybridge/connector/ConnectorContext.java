package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a connector may use: the app (URLs already resolved), the organization's client for it (for
 * families that {@linkplain Connector#usesClient() use one}), the callback URL, an HTTP client with
 * Keybridge's timeouts, the {@code state} value Link binds to a redirect (null outside Link), the
 * clock, and the connection {@code fields} the Link was made with (e.g. a subdomain for the app's
 * {@code {subdomain}} URL placeholders; stored with the connection; empty when none).
 */
public record ConnectorContext(AppDefinition app, String clientId, String clientSecret, String callbackUrl,
                               HttpClient http, Duration timeout, String state, Clock clock, Map<String, String> fields) {

    public ConnectorContext {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
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
