package dev.keybridge.sdk.param;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /link/token/create}: for a new connection ({@link #forUser(String)}) or for
 * update mode ({@link #forUpdate(String)}, from an existing access token). {@link #toString()} does not
 * show the access token.
 */
public final class LinkTokenParams {

    /** The languages Link speaks: English, French, German, Spanish, Japanese. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "ja");

    private final Map<String, Object> body;

    private LinkTokenParams(Map<String, Object> body) {
        this.body = Map.copyOf(body);
    }

    /** Link for your end user {@code linkedAccountId} (created if missing). */
    public static Builder forUser(String linkedAccountId) {
        Builder b = new Builder();
        b.body.put("user_id", linkedAccountId);
        return b;
    }

    /** Link in update mode for the connection of {@code accessToken}: asks only for what is missing. */
    public static Builder forUpdate(String accessToken) {
        Builder b = new Builder();
        b.body.put("access_token", accessToken);
        return b;
    }

    /** The JSON body. */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    public String toString() {
        return "LinkTokenParams[user_id=" + body.get("user_id") + ", app=" + body.get("app")
                + (body.containsKey("language") ? ", language=" + body.get("language") : "")
                + (body.containsKey("access_token") ? ", update mode" : "") + "]";
    }

    /** Builds {@link LinkTokenParams}. */
    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>();

        private Builder() {}

        /** The end user's own organization reference ({@code org_id}). */
        public Builder endUserOrgId(String orgId) {
            body.put("org_id", orgId);
            return this;
        }

        /** Skip app selection: open Link on this app's slug. */
        public Builder app(String slug) {
            body.put("app", slug);
            return this;
        }

        /** Where Link sends the browser at the end (must be allowed in the Link settings). */
        public Builder redirectUri(String uri) {
            body.put("redirect_uri", uri);
            return this;
        }

        /**
         * The language of Link's pages: one of {@link #LANGUAGES}. Without it, Link follows the browser's
         * {@code Accept-Language}, else English. A language Link does not speak is refused
         * ({@link dev.keybridge.sdk.exception.InvalidRequestException}).
         *
         * @param language e.g. {@code fr}
         * @return this builder
         */
        public Builder language(String language) {
            body.put("language", language);
            return this;
        }

        /**
         * Update mode of an OAuth2 connection ({@link LinkTokenParams#forUpdate(String)}): ask for these scopes
         * beyond those the connection holds. Link asks the provider for all of them, the end user consents to
         * the new ones, the access token stays the same, and {@code connection.scopes_updated} says what changed.
         * At most 20; refused ({@link dev.keybridge.sdk.exception.InvalidRequestException}) outside update mode
         * or for an app that is not OAuth2.
         *
         * @param scopes e.g. {@code https://www.googleapis.com/auth/calendar.readonly}
         * @return this builder
         */
        public Builder scopes(String... scopes) {
            body.put("scopes", List.of(scopes));
            return this;
        }

        /** The params. */
        public LinkTokenParams build() {
            return new LinkTokenParams(body);
        }
    }
}
