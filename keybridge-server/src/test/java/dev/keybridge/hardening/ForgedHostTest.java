package dev.keybridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * No server-side call is built from request headers: a caller that forges {@code Host} or
 * {@code X-Forwarded-Host}/{@code -Port}/{@code -Proto} to point at a listener it controls gets its
 * request served as usual, and the listener receives nothing (the sandbox's verification, token and
 * API calls go to the server's own address, from its settings).
 */
class ForgedHostTest extends IntegrationTest {

    private static final String IMPORT = "/api/v2/public/migrate-token";

    private static Map<String, Object> keys(String account) {
        return Map.of("linked_account_id", account, "slug", "sandbox-keys", "auth_object", Map.of("api_key", "key_good"));
    }

    @Test
    void doesNotCallTheForwardedHostWhenImportingCredentials() {
        TestOrganization org = newOrganization();
        try (Receiver listener = new Receiver()) {
            int listenerPort = URI.create(listener.url()).getPort();
            Api forged = org.test().withKey(api).withHeader("X-Forwarded-Host", "127.0.0.1:" + listenerPort)
                    .withHeader("X-Forwarded-Port", Integer.toString(listenerPort)).withHeader("X-Forwarded-Proto", "http");

            Api.Response imported = forged.put(IMPORT, keys("forwarded-1"));
            assertThat(imported.status()).as(imported.text()).isEqualTo(200);
            Api.Response refused = forged.put(IMPORT, Map.of("linked_account_id", "forwarded-2", "slug", "sandbox-keys",
                    "auth_object", Map.of("api_key", "key_bad")));
            assertThat(refused.status()).as("the real sandbox checked the key: " + refused.text()).isEqualTo(400);

            assertThat(listener.arrivals()).as("calls to the forged host").isZero();
        }
    }

    @Test
    void doesNotCallTheHostHeaderWhenImportingOrProxying() {
        TestOrganization org = newOrganization();
        try (Receiver listener = new Receiver()) {
            String host = "Host: 127.0.0.1:" + URI.create(listener.url()).getPort();
            String key = "x-api-key: " + org.test().apiKey();
            RawHttp.Answer imported = RawHttp.send(port, "PUT", IMPORT, Api.JSON.writeValueAsString(keys("host-1")), host,
                    key, "Content-Type: application/json");
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            JsonNode body = Api.JSON.readTree(imported.body());

            RawHttp.Answer proxied = RawHttp.send(port, "GET", "/v1/proxy/me", null, host, key,
                    "access_token: " + body.get("access_token").asString());
            assertThat(proxied.status()).as("the sandbox API answered: " + proxied.body()).isEqualTo(200);

            assertThat(listener.arrivals()).as("calls to the forged host").isZero();
        }
    }
}
