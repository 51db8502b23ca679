package dev.keybridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** An organization made through the admin API, with the credentials it was given. */
public record TestOrganization(String id, Env test, Env production) {

    /** One environment's credentials and ready-made clients. */
    public record Env(String apiKey, String clientId, String clientSecret) {
        public Api withKey(Api api) {
            return api.withHeader("x-api-key", apiKey);
        }

        public Api withClient(Api api) {
            return api.withHeader("client_id", clientId).withHeader("client_secret", clientSecret);
        }
    }

    public static TestOrganization create(Api admin, String name) {
        Api.Response r = admin.post("/admin/v1/organizations", Map.of("name", name));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode body = r.json();
        return new TestOrganization(body.at("/organization/_id").asString(), env(body.at("/credentials/test")),
                env(body.at("/credentials/production")));
    }

    private static Env env(JsonNode list) {
        String key = null;
        String id = null;
        String secret = null;
        for (JsonNode c : list) {
            if (c.has("api_key")) {
                key = c.get("api_key").asString();
            } else {
                id = c.get("client_id").asString();
                secret = c.get("client_secret").asString();
            }
        }
        return new Env(key, id, secret);
    }
}
