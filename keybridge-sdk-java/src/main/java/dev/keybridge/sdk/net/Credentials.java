package dev.keybridge.sdk.net;

import java.util.Map;

/**
 * A server credential of one organization and environment: an API key ({@code x-api-key}) or a client
 * id and secret ({@code client_id} + {@code client_secret}). {@link #toString()} never shows the secret.
 */
public final class Credentials {

    private final Map<String, String> headers;
    private final String description;

    private Credentials(Map<String, String> headers, String description) {
        this.headers = headers;
        this.description = description;
    }

    /** An API key ({@code kb_test_…} or {@code kb_live_…}). */
    public static Credentials apiKey(String apiKey) {
        require(apiKey, "apiKey");
        return new Credentials(Map.of("x-api-key", apiKey), "apiKey=" + hint(apiKey));
    }

    /** A client pair ({@code ci_test_…} + {@code cs_test_…}). */
    public static Credentials client(String clientId, String clientSecret) {
        require(clientId, "clientId");
        require(clientSecret, "clientSecret");
        return new Credentials(Map.of("client_id", clientId, "client_secret", clientSecret),
                "clientId=" + clientId + ", clientSecret=****");
    }

    /** The headers that carry it. */
    public Map<String, String> headers() {
        return headers;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    /** The prefix (which names kind and environment) and the last four characters. */
    private static String hint(String key) {
        int cut = key.indexOf('_', key.indexOf('_') + 1);
        String prefix = cut > 0 && cut < 10 ? key.substring(0, cut + 1) : "";
        return prefix + "…" + (key.length() > 12 ? key.substring(key.length() - 4) : "");
    }

    @Override
    public String toString() {
        return "Credentials[" + description + "]";
    }
}
