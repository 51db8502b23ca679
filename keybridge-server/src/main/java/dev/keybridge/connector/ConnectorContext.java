package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What a connector may use: the app (URLs already resolved), the organization's OAuth client for
 * it, the callback URL, and an HTTP client with Keybridge's timeouts.
 */
public record ConnectorContext(AppDefinition app, String clientId, String clientSecret, String callbackUrl,
                               HttpClient http, Duration timeout) {}
