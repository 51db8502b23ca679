package dev.keybridge.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds upsert bodies: {@code Accounts.account("a-1").name("Ann").udf("phone", "123").body()}. */
public final class Accounts {

    private final Map<String, Object> body = new LinkedHashMap<>();
    private final Map<String, Object> udf = new LinkedHashMap<>();

    private Accounts(String id) {
        body.put("linked_account_id", id);
    }

    public static Accounts account(String id) {
        return new Accounts(id);
    }

    public Accounts name(String name) {
        body.put("name", name);
        return this;
    }

    public Accounts udf(String key, Object value) {
        udf.put(key, value);
        return this;
    }

    public Accounts yourApp(String appId, Map<String, Object> credentials) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("app_id", appId);
        if (credentials != null) {
            app.put("auth_credentials", credentials);
        }
        body.put("your_app", app);
        return this;
    }

    public Accounts field(String name, Object value) {
        body.put(name, value);
        return this;
    }

    public Map<String, Object> body() {
        Map<String, Object> out = new LinkedHashMap<>(body);
        if (!udf.isEmpty()) {
            out.put("udf", udf);
        }
        return out;
    }
}
