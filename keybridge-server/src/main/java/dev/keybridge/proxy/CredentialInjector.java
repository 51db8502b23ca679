package dev.keybridge.proxy;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.Templates;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a connection's credential on an upstream request as its catalog entry's {@code inject} says:
 * header templates, query parameter templates and/or HTTP basic auth, filled from the credentials.
 * OAuth2 apps without an {@code inject} get {@code Authorization: Bearer {access_token}}.
 */
final class CredentialInjector {

    /** What to add: headers and a query string suffix (already encoded, may be empty). */
    record Injection(Map<String, String> headers, String query) {}

    private CredentialInjector() {}

    static Injection inject(AppDefinition app, Map<String, String> credentials) {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        AppDefinition.Inject inject = app.inject();
        if (inject == null) {
            if (app.authType() == AppDefinition.AuthType.OAUTH2 && credentials.containsKey("access_token")) {
                headers.put("authorization", "Bearer " + credentials.get("access_token"));
            }
            return new Injection(headers, "");
        }
        if (inject.headers() != null) {
            inject.headers().forEach((k, v) -> headers.put(k, Templates.fill(v, credentials)));
        }
        if (inject.query() != null) {
            inject.query().forEach((k, v) -> query.append(query.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(Templates.fill(v, credentials), StandardCharsets.UTF_8)));
        }
        if (inject.basicUsername() != null) {
            String pair = Templates.fill(inject.basicUsername(), credentials) + ":"
                    + Templates.fill(inject.basicPassword() == null ? "" : inject.basicPassword(), credentials);
            headers.put("authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return new Injection(headers, query.toString());
    }
}
