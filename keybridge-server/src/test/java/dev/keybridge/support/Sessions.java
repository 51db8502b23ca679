package dev.keybridge.support;

import static dev.keybridge.support.Accounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Session tokens for tests: upserts the linked account and returns a client that sends its token. */
public final class Sessions {

    private Sessions() {}

    /** Upserts the account (server credentials) and issues a token for every app. */
    public static String token(Api server, String linkedAccountId) {
        return token(server, linkedAccountId, null);
    }

    /** As {@link #token(Api, String)}, limited to {@code apps} when not null. */
    public static String token(Api server, String linkedAccountId, List<String> apps) {
        Api.Response upsert = server.put("/api/v2/public/linked-account", account(linkedAccountId).body());
        assertThat(upsert.status()).as(upsert.text()).isEqualTo(200);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("linked_account_id", linkedAccountId);
        if (apps != null) {
            body.put("apps", apps);
        }
        Api.Response r = server.post("/api/v2/public/session-token", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("token").asString();
    }

    /** A client that sends {@code authorization: Bearer <token>} (and nothing else). */
    public static Api browser(Api api, String token) {
        return api.withHeader("authorization", "Bearer " + token);
    }
}
