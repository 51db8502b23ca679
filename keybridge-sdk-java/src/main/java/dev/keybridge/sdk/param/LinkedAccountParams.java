package dev.keybridge.sdk.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of an upsert or create of a linked account. What you do not set is not sent (and kept by
 * an upsert); {@link Builder#clearName()}, {@link Builder#removeUdf(String)},
 * {@link Builder#removeAuthCredentials()} and {@link Builder#removeYourApp()} send {@code null},
 * which removes. {@link #toString()} does not show credentials.
 */
public final class LinkedAccountParams {

    private final Map<String, Object> body;

    private LinkedAccountParams(Map<String, Object> body) {
        this.body = Collections.unmodifiableMap(body);
    }

    /** A builder for the account with your id {@code linkedAccountId}. */
    public static Builder builder(String linkedAccountId) {
        return new Builder(linkedAccountId);
    }

    /** The JSON body (absent keys are absent, removals are {@code null}). */
    public Map<String, Object> toBody() {
        return body;
    }

    @Override
    public String toString() {
        return "LinkedAccountParams[linked_account_id=" + body.get("linked_account_id") + ", fields=" + body.keySet() + "]";
    }

    /** Builds {@link LinkedAccountParams}. */
    public static final class Builder {
        private final Map<String, Object> body = new LinkedHashMap<>();
        private @Nullable Map<String, Object> udf;
        private @Nullable Map<String, Object> yourApp;

        private Builder(String linkedAccountId) {
            body.put("linked_account_id", linkedAccountId);
        }

        /** Sets the display name. */
        public Builder name(String name) {
            body.put("name", name);
            return this;
        }

        /** Clears the display name (sends {@code name: null}). */
        public Builder clearName() {
            body.put("name", null);
            return this;
        }

        /** Sets user-defined field {@code key} to a String, Number or Boolean. */
        public Builder udf(String key, Object value) {
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("a udf value is a String, Number or Boolean");
            }
            udf().put(key, value);
            return this;
        }

        /** Removes user-defined field {@code key} (sends it as {@code null}). */
        public Builder removeUdf(String key) {
            udf().put(key, null);
            return this;
        }

        /** Sets your app's id (keeps stored credentials unless you set or remove them). */
        public Builder yourApp(String appId) {
            yourApp().put("app_id", appId);
            return this;
        }

        /** Sets your app's id and credentials for this end user (stored encrypted, shown only masked). */
        public Builder yourApp(String appId, Map<String, ?> authCredentials) {
            yourApp().put("app_id", appId);
            yourApp().put("auth_credentials", new LinkedHashMap<>(authCredentials));
            return this;
        }

        /** Removes the stored credentials of your app (keeps its id; {@link #yourApp(String)} must be set too). */
        public Builder removeAuthCredentials() {
            yourApp().put("auth_credentials", null);
            return this;
        }

        /** Removes your app and its credentials (sends {@code your_app: null}). */
        public Builder removeYourApp() {
            yourApp = null;
            body.put("your_app", null);
            return this;
        }

        private Map<String, Object> udf() {
            if (udf == null) {
                udf = new LinkedHashMap<>();
                body.put("udf", udf);
            }
            return udf;
        }

        private Map<String, Object> yourApp() {
            if (yourApp == null) {
                yourApp = new LinkedHashMap<>();
                body.put("your_app", yourApp);
            }
            return yourApp;
        }

        /** The params. */
        public LinkedAccountParams build() {
            return new LinkedAccountParams(new LinkedHashMap<>(body));
        }
    }
}
