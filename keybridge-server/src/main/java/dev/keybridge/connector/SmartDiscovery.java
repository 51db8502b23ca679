package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the SMART family checks before it sends anyone anywhere: the FHIR base URL the end user typed (https
 * without user info, query or fragment; http only to loopback; the vendor's pattern), and the server's
 * {@code .well-known/smart-configuration}, read through the provider egress client with the Link timeout and at
 * most {@value #MAX_DOCUMENT} bytes, whose endpoints must be https too (and PKCE S256 when it lists methods).
 */
final class SmartDiscovery {

    static final int MAX_DOCUMENT = 64 * 1024;
    static final int MAX_URL = 512;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SmartDiscovery() {}

    /** The base URL as typed, checked and without a trailing slash; null when it is not one Keybridge may use. */
    static String baseUrl(String typed) {
        if (typed == null) {
            return null;
        }
        String s = typed.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > MAX_URL) {
            return null;
        }
        return allowedUrl(s) ? s : null;
    }

    /**
     * An absolute https URL with a host and without user info, query or fragment; plain http only to a loopback
     * host (a local sandbox: the egress rule refuses loopback in production unless private addresses are allowed).
     */
    static boolean allowedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return false;
        }
        return scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost());
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false;    // a name: never looked up here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();   // a literal address: parsed, not resolved
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the vendor's {@code smart.base_url_pattern} (if any) matches the whole base URL. */
    static boolean allowedByVendor(AppDefinition app, String base) {
        String pattern = app.smart() == null ? null : app.smart().baseUrlPattern();
        if (pattern == null || pattern.isBlank()) {
            return true;
        }
        try {
            return Pattern.compile(pattern).matcher(base).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    record Found(String authorize, String token, String revoke) {}

    /** Why discovery failed, in a few words safe to show. */
    static final class DiscoveryException extends Exception {
        DiscoveryException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Reads {@code <base>/.well-known/smart-configuration}: bounded in time and size, endpoints checked. */
    static Found discover(ConnectorContext context, String base) throws DiscoveryException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/.well-known/smart-configuration"))
                .timeout(context.timeout()).header("accept", "application/json").GET().build();
        byte[] body;
        int status;
        try {
            HttpResponse<InputStream> r = context.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = r.statusCode();
            try (InputStream in = r.body()) {
                body = in.readNBytes(MAX_DOCUMENT + 1);
            }
        } catch (IOException e) {
            throw new DiscoveryException("the address could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted");
        }
        if (status != 200) {
            throw new DiscoveryException("HTTP " + status);
        }
        if (body.length > MAX_DOCUMENT) {
            throw new DiscoveryException("the configuration is too large");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new DiscoveryException("the configuration is not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw new DiscoveryException("the configuration is not a JSON object");
        }
        String authorize = endpoint(doc, "authorization_endpoint", true);
        String token = endpoint(doc, "token_endpoint", true);
        String revoke = endpoint(doc, "revocation_endpoint", false);
        JsonNode methods = doc.get("code_challenge_methods_supported");
        if (methods != null && methods.isArray()) {
            boolean s256 = false;
            for (JsonNode m : methods) {
                s256 |= m.isString() && "S256".equals(m.asString());
            }
            if (!s256) {
                throw new DiscoveryException("the server does not support PKCE S256");
            }
        }
        return new Found(authorize, token, revoke);
    }

    private static String endpoint(JsonNode doc, String name, boolean required) throws DiscoveryException {
        JsonNode v = doc.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new DiscoveryException("no " + name);
            }
            return null;
        }
        String url = v.isString() ? v.asString() : "";
        if (url.length() > MAX_URL * 4 || !allowedUrl(url) && !allowedWithQuery(url)) {
            throw new DiscoveryException(name + " is not an https URL");
        }
        return url;
    }

    /** An endpoint may carry a query (some authorization servers route on one); the rest of the rule holds. */
    private static boolean allowedWithQuery(String url) {
        int q = url.indexOf('?');
        return q > 0 && !url.contains("#") && allowedUrl(url.substring(0, q));
    }
}
