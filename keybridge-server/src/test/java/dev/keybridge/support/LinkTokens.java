package dev.keybridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code POST /link/token/create} bodies: {@code LinkTokens.forUser("u-1").app("sandbox-ehr").create(server)}. */
public final class LinkTokens {

    private final Map<String, Object> body = new LinkedHashMap<>();

    private LinkTokens() {}

    public static LinkTokens forUser(String userId) {
        LinkTokens t = new LinkTokens();
        t.body.put("user_id", userId);
        t.body.put("org_id", "end-user-org-1");
        return t;
    }

    public static LinkTokens update(String accessToken) {
        LinkTokens t = new LinkTokens();
        t.body.put("access_token", accessToken);
        return t;
    }

    public LinkTokens app(String slug) {
        body.put("app", slug);
        return this;
    }

    public LinkTokens language(String language) {
        body.put("language", language);
        return this;
    }

    /** Update mode asking for more scopes. */
    public LinkTokens scopes(String... scopes) {
        body.put("scopes", java.util.List.of(scopes));
        return this;
    }

    public LinkTokens redirectUri(String uri) {
        body.put("redirect_uri", uri);
        return this;
    }

    public Map<String, Object> body() {
        return new LinkedHashMap<>(body);
    }

    /** Creates the token and returns it, asserting success. */
    public String create(Api server) {
        Api.Response r = server.post("/link/token/create", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("token").asString();
    }

    /** Exchanges a public token and returns the access token, asserting success. */
    public static String exchange(Api server, String publicToken) {
        Api.Response r = server.post("/link/token/exchange", Map.of("public_token", publicToken));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("token").asString();
    }
}
