package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.Templates;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a credential adds to an upstream request: headers, and a query string suffix (already
 * encoded, may be empty).
 */
public record Injection(Map<String, String> headers, String query) {

    /**
     * As the app's catalog entry's {@code inject} says: header templates, query parameter templates
     * and/or HTTP basic auth, filled from the credentials. Nothing when it has no {@code inject}.
     */
    public static Injection fromCatalog(AppDefinition app, Map<String, String> credentials) {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        AppDefinition.Inject inject = app.inject();
        if (inject == null) {
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

    /** {@code url} with the injected query appended. */
    public String appendTo(String url) {
        return query.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + query;
    }
}
