package dev.keybridge.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One app of the catalog, as declared in YAML ({@code catalog/apps.yaml} in the jar, plus the
 * operator's {@code KEYBRIDGE_CATALOG_FILE}). Field names are the YAML keys in snake_case.
 * URLs may hold {@code {keybridge}} (this server's public URL) and {@code {field}} placeholders
 * filled from the connection's credentials (e.g. {@code https://{shop}.myshopify.com}).
 */
public record AppDefinition(
        String slug,
        String name,
        String description,
        String icon,
        AuthType authType,
        /* The connector that links it; defaults to the auth type's built-in (oauth2, keybased). */
        String connector,
        OAuth2 oauth2,
        String apiBaseUrl,
        Inject inject,
        AuthFailure authFailure,
        List<InputField> authInputMap,
        Verification verification,
        Detect detect,
        /* Sandbox apps exist only in the test environment and are enabled there without setup. */
        boolean sandbox,
        List<Category> categories,
        /* The provider's API documentation, and where an operator registers its OAuth client (or an end user makes a key). */
        String docsUrl,
        String consoleUrl,
        /* smart_on_fhir apps: what the end user's FHIR base URL may be; null: any https URL */
        @Nullable Smart smart) {

    public enum AuthType {
        OAUTH2, KEYBASED, CREDENTIALS,
        /** An EHR through SMART on FHIR: the end user's FHIR base URL, its discovered OAuth2 endpoints (App Launch 2). */
        SMART_ON_FHIR;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static AuthType of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** OAuth2 authorization code flow settings. */
    public record OAuth2(
            String authorizeUrl,
            String tokenUrl,
            String revokeUrl,
            List<String> scopes,
            String scopeSeparator,
            boolean pkce,
            /* client_secret_basic (default) or client_secret_post */
            String tokenAuthMethod,
            Map<String, String> authorizeParams,
            /* whether the provider issues a new refresh token on every refresh */
            boolean refreshTokenRotates,
            /* sandbox apps only: the client used when the organization has set none */
            String defaultClientId,
            String defaultClientSecret,
            /* the provider's documented refresh-token lifetime, counted from the answer that issued it; null: none */
            Integer refreshTokenLifetimeDays,
            /* false when the provider's access tokens never expire (nothing to refresh); null: they do */
            Boolean accessTokenExpires,
            /* token-answer fields the app's URLs and headers use as placeholders (an instance URL, an API domain) */
            List<String> tokenFields,
            /* values the provider adds to the callback query that the app's URLs use (a realm id, a shop) */
            List<String> callbackFields,
            /* days a grant's consent lasts, counted from the end user's consent; refreshes do not extend it; null: none */
            Integer consentLifetimeDays,
            /* how token requests carry their parameters: form (default, RFC 6749) or json (a JSON object body) */
            String tokenRequestFormat) {

        public String scopeString() {
            return scopes == null ? "" : String.join(scopeSeparator == null ? " " : scopeSeparator, scopes);
        }

        public boolean postsClientSecret() {
            return "client_secret_post".equals(tokenAuthMethod);
        }

        /** Whether token requests (code exchange, refresh) send a JSON object instead of a form. */
        public boolean jsonTokenRequests() {
            return "json".equals(tokenRequestFormat);
        }

        /** Whether access tokens expire ({@code access_token_expires}, default true): false means nothing to refresh. */
        public boolean accessTokensExpire() {
            return accessTokenExpires == null || accessTokenExpires;
        }
    }

    /** How the credential is put on an upstream request: header templates and/or HTTP basic auth. */
    public record Inject(Map<String, String> headers, Map<String, String> query, String basicUsername,
                        String basicPassword) {}

    /** How an authentication failure shows upstream. */
    public record AuthFailure(List<Integer> statusCodes, List<String> bodyPatterns) {}

    /** A field of a key-based form (§3 auth_input_map). */
    public record InputField(String name, @Nullable String type, boolean required, @Nullable String placeholder,
                             @Nullable String label,
                             /* a regular expression the whole value must match; null: any value */
                             @Nullable String pattern) {}

    /** A call that proves a key works: method and path relative to api_base_url, success statuses. */
    public record Verification(String method, String path, List<Integer> successStatus,
                               /* where the answer states when the key expires; null: it does not */
                               @Nullable ExpiresAt expiresAt) {}

    /** A response header or a JSON pointer into the body holding a key's expiry (ISO-8601, a date, or epoch seconds). */
    public record ExpiresAt(@Nullable String header, @Nullable String json) {}

    /**
     * A SMART on FHIR vendor's rules for the base URL an end user enters: a regular expression the whole URL
     * must match ({@code base_url_pattern}; null: any https URL), an example shown in the field
     * ({@code base_url_example}), and where the vendor publishes its customers' FHIR endpoints ({@code endpoints_url}).
     */
    public record Smart(@Nullable String baseUrlPattern, @Nullable String baseUrlExample, @Nullable String endpointsUrl) {}

    /** What identifies the app in what an end user types. */
    public record Detect(List<String> domains, List<String> keywords) {}

    public String connectorName() {
        if (connector != null && !connector.isBlank()) {
            return connector;
        }
        return switch (authType) {
            case OAUTH2 -> "oauth2";
            case KEYBASED -> "keybased";
            case SMART_ON_FHIR -> "smart_on_fhir";
            case CREDENTIALS -> throw new IllegalStateException("app " + slug + " needs a connector");
        };
    }

    /** The family's name on the wire ({@code auth_type}): a label to show, never a branch to take. */
    public String authTypeName() {
        return authType.wire();
    }

    public List<Category> categoryList() {
        return categories == null ? List.of() : categories;
    }

    public List<InputField> inputs() {
        return authInputMap == null ? List.of() : authInputMap;
    }
}
