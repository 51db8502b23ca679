package dev.keybridge.sdk.param;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The body of {@code POST /api/v2/public/reconnect-links}: which connection, for how long, and where to e-mail it. */
public final class ReconnectLinkParams {

    private final Map<String, Object> body;

    private ReconnectLinkParams(Map<String, Object> body) {
        this.body = Map.copyOf(body);
    }

    /** For the connection with this id. */
    public static Builder forConnection(String connectionId) {
        Builder b = new Builder();
        b.body.put("connection_id", connectionId);
        return b;
    }

    /** For the live connection of your end user {@code linkedAccountId} to {@code app}. */
    public static Builder forAccount(String linkedAccountId, String app) {
        Builder b = new Builder();
        b.body.put("linked_account_id", linkedAccountId);
        b.body.put("app", app);
        return b;
    }

    /** The JSON body. */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    public String toString() {
        return "ReconnectLinkParams" + body;
    }

    /** Builds {@link ReconnectLinkParams}. */
    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>();

        private Builder() {}

        /** How long the link works: 10 minutes to 7 days (default 1 day); whole seconds. */
        public Builder expiresIn(Duration lifetime) {
            body.put("expires_in", Math.toIntExact(lifetime.toSeconds()));
            return this;
        }

        /** E-mail it to this address (the server needs an SMTP server). */
        public Builder email(String address) {
            body.put("email", address);
            return this;
        }

        /** Link's and the e-mail's language: one of {@link LinkTokenParams#LANGUAGES}. */
        public Builder language(String language) {
            body.put("language", language);
            return this;
        }

        public ReconnectLinkParams build() {
            return new ReconnectLinkParams(body);
        }
    }
}
