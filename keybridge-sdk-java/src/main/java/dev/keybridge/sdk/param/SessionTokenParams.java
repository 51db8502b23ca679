package dev.keybridge.sdk.param;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v2/public/session-token}: the linked account and, optionally, the apps the token is
 * limited to (each must be enabled in the environment). A scoped token's application list shows only those apps,
 * and a call naming another app is refused with 403 {@code app_not_in_token_scope}.
 */
public final class SessionTokenParams {

    private final Map<String, Object> body;

    private SessionTokenParams(Map<String, Object> body) {
        this.body = Map.copyOf(body);
    }

    /**
     * A builder for a token of the linked account {@code linkedAccountId} (which must exist).
     *
     * @param linkedAccountId your id of the linked account
     * @return the builder; without {@code apps(..)} the token works for every app
     */
    public static Builder builder(String linkedAccountId) {
        return new Builder(linkedAccountId);
    }

    /** The JSON body. */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    public String toString() {
        return "SessionTokenParams" + body;
    }

    /** Builds {@link SessionTokenParams}. */
    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>();
        private final List<String> apps = new ArrayList<>();

        private Builder(String linkedAccountId) {
            body.put("linked_account_id", linkedAccountId);
        }

        /**
         * Limits the token to these apps (slugs of apps enabled in the environment; 1–100 in all).
         *
         * @param slugs app slugs, added to those already given
         * @return this builder
         */
        public Builder apps(String... slugs) {
            apps.addAll(List.of(slugs));
            return this;
        }

        /** The params. */
        public SessionTokenParams build() {
            if (!apps.isEmpty()) {
                body.put("apps", List.copyOf(apps));
            }
            return new SessionTokenParams(body);
        }
    }
}
