package dev.keybridge.sdk.param;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A credential import: credentials your end user already granted elsewhere (an OAuth2 grant, an app's
 * key fields, a login) to bring into a Keybridge connection without asking them to reconnect. Keybridge
 * checks them with the app before storing anything. The credentials are third-party secrets:
 * {@link #toString()} shows their names only (and the expiry, scopes and token type).
 *
 * <pre>{@code
 * CredentialImportParams.builder("account:12345", "sandbox-oauth")
 *         .oauth2(accessToken, refreshToken).expiresIn(Duration.ofHours(1)).scopes("profile", "contacts.read")
 *         .build();
 * CredentialImportParams.builder("account:12345", "sandbox-keys").field("api_key", key).build();
 * CredentialImportParams.builder("account:12345", "sandbox-ehr").login("user_good", "pass_good").build();
 * }</pre>
 */
public final class CredentialImportParams {

    private static final Set<String> SHOWN = Set.of("expires_in", "expires_at", "scopes", "scope", "token_type");

    private final Map<String, Object> body;

    private CredentialImportParams(Map<String, Object> body) {
        this.body = Collections.unmodifiableMap(body);
    }

    /** A builder of an import for your linked account {@code linkedAccountId} (created if missing) and app {@code slug}. */
    public static Builder builder(String linkedAccountId, String slug) {
        return new Builder(linkedAccountId, slug);
    }

    /** Your id of the linked account. */
    @SuppressWarnings("NullAway")   // build() always puts linked_account_id
    public String linkedAccountId() {
        return (String) body.get("linked_account_id");
    }

    /** The JSON body ({@code linked_account_id, slug, auth_object}). */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    @SuppressWarnings("NullAway")   // build() always puts auth_object
    public String toString() {
        StringJoiner auth = new StringJoiner(", ", "{", "}");
        ((Map<?, ?>) body.get("auth_object")).forEach((k, v) -> auth.add(k + "=" + (SHOWN.contains(k) ? v : "****")));
        return "CredentialImportParams[linked_account_id=" + body.get("linked_account_id") + ", slug=" + body.get("slug")
                + ", auth_object=" + auth + "]";
    }

    /** Builds {@link CredentialImportParams}. */
    public static final class Builder {
        private final String linkedAccountId;
        private final String slug;
        private final Map<String, Object> auth = new LinkedHashMap<>();

        private Builder(String linkedAccountId, String slug) {
            this.linkedAccountId = linkedAccountId;
            this.slug = slug;
        }

        /**
         * An OAuth2 grant. With a refresh token Keybridge refreshes once to prove it (your OAuth client
         * for the app must be set); without one ({@code null}) the app's connector must be able to check it.
         */
        public Builder oauth2(String accessToken, String refreshToken) {
            auth.put("access_token", accessToken);
            if (refreshToken != null) {
                auth.put("refresh_token", refreshToken);
            }
            return this;
        }

        /** How long the imported access token still lives. */
        public Builder expiresIn(Duration expiresIn) {
            auth.put("expires_in", expiresIn.getSeconds());
            auth.remove("expires_at");
            return this;
        }

        /** When the imported access token expires. */
        public Builder expiresAt(Instant expiresAt) {
            auth.put("expires_at", expiresAt.toString());
            auth.remove("expires_in");
            return this;
        }

        /** The scopes granted. */
        public Builder scopes(String... scopes) {
            auth.put("scopes", List.of(scopes));
            return this;
        }

        /** The token type (e.g. {@code Bearer}). */
        public Builder tokenType(String tokenType) {
            auth.put("token_type", tokenType);
            return this;
        }

        /** A login app's {@code username} and {@code password}. */
        public Builder login(String username, String password) {
            auth.put("username", username);
            auth.put("password", password);
            return this;
        }

        /** Any other field: a key-based app's {@code auth_input_map} field, or a provider-specific one. */
        public Builder field(String name, String value) {
            auth.put(name, value);
            return this;
        }

        /** The params. */
        public CredentialImportParams build() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("linked_account_id", linkedAccountId);
            body.put("slug", slug);
            body.put("auth_object", Collections.unmodifiableMap(new LinkedHashMap<>(auth)));
            return new CredentialImportParams(body);
        }
    }
}
