package dev.keybridge.sdk.param;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of an app-settings update: enable or disable the app and, for an OAuth2 app, set your
 * OAuth client ({@code clientSecret("")} removes the secret). {@link #toString()} does not show the secret.
 */
public final class AppSettingsParams {

    private final Map<String, Object> body;

    private AppSettingsParams(Map<String, Object> body) {
        this.body = Map.copyOf(body);
    }

    /** A builder that enables ({@code true}) or disables the app. */
    public static Builder enabled(boolean enabled) {
        return new Builder(enabled);
    }

    /** The JSON body. */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    public String toString() {
        return "AppSettingsParams[enabled=" + body.get("enabled") + ", client_id=" + body.get("client_id")
                + (body.containsKey("client_secret") ? ", client_secret=****" : "") + "]";
    }

    /** Builds {@link AppSettingsParams}. */
    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>();

        private Builder(boolean enabled) {
            body.put("enabled", enabled);
        }

        /** Your OAuth client id at the provider. */
        public Builder clientId(String clientId) {
            body.put("client_id", clientId);
            return this;
        }

        /** Your OAuth client secret (stored encrypted; {@code ""} removes it). */
        public Builder clientSecret(String clientSecret) {
            body.put("client_secret", clientSecret);
            return this;
        }

        /** The params. */
        public AppSettingsParams build() {
            return new AppSettingsParams(body);
        }
    }
}
