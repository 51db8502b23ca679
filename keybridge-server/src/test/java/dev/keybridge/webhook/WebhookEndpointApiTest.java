package dev.keybridge.webhook;

import static dev.keybridge.webhook.Hooks.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookEndpointApiTest extends IntegrationTest {

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void organization() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    @Test
    void doesReturnTheSecretOnlyOnceWhenCreating() {
        JsonNode created = Hooks.createEndpoint(server, "https://hooks.example.invalid/a", "linked_account.created");

        assertThat(created.get("id").asString()).matches("whe_[0-9a-f]{24}");
        assertThat(created.get("object").asString()).isEqualTo("webhook_endpoint");
        assertThat(created.get("environment").asString()).isEqualTo("test");
        assertThat(created.get("webhook_url").asString()).isEqualTo("https://hooks.example.invalid/a");
        assertThat(Hooks.list(created.get("webhook_events"))).extracting(JsonNode::asString)
                .containsExactly("linked_account.created");
        assertThat(created.get("is_enabled").asBoolean()).isTrue();
        String secret = created.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);

        JsonNode got = server.get(PATH + "/" + created.get("id").asString()).json();
        assertThat(got.has("secret")).isFalse();
        assertThat(got.get("webhook_url")).isEqualTo(created.get("webhook_url"));
        JsonNode listed = server.get(PATH).json();
        assertThat(listed.get("docs").get(0).has("secret")).isFalse();
    }

    @Test
    void doesStoreTheSecretEncryptedWhenCreating() {
        JsonNode created = Hooks.createEndpoint(server, "https://hooks.example.invalid/a");
        byte[] key = Base64.getDecoder().decode(created.get("secret").asString().substring(6));

        byte[] stored = jdbc.sql("select secret_ciphertext from webhook_endpoint where id = ?")
                .param(created.get("id").asString()).query(byte[].class).single();

        assertThat(stored).isNotEmpty();
        assertThat(indexOf(stored, key)).isEqualTo(-1);
    }

    @Test
    void doesRefuseBadInputWhenCreating() {
        assertThat(server.post(PATH, Map.of("webhook_url", "https://x.invalid/", "webhook_events", List.of("nope")))
                .json().get("message").asString()).contains("unknown event type 'nope'");
        assertThat(server.post(PATH, Map.of("webhook_url", "https://x.invalid/", "color", "red")).status()).isEqualTo(400);
        assertThat(server.post(PATH, Map.of("webhook_url", "ftp://x.invalid/")).status()).isEqualTo(400);
        assertThat(server.post(PATH, Map.of("webhook_url", "https://user:pw@x.invalid/")).status()).isEqualTo(400);
        assertThat(server.post(PATH, Map.of("webhook_url", "https://x.invalid/" + "a".repeat(2100))).status())
                .isEqualTo(400);
        assertThat(server.post(PATH, Map.of("webhook_url", "https://x.invalid/", "is_enabled", "yes")).status())
                .isEqualTo(400);
        Api.Response missing = server.post(PATH, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error_type").asString()).isEqualTo("invalid_request");
    }

    @Test
    void doesChangeOnlyTheFieldsSentWhenUpdating() {
        String id = Hooks.createEndpoint(server, "https://hooks.example.invalid/a", "linked_account.created")
                .get("id").asString();

        Api.Response r = server.send("PATCH", PATH + "/" + id, Map.of("is_enabled", false));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("is_enabled").asBoolean()).isFalse();
        assertThat(r.json().get("webhook_url").asString()).isEqualTo("https://hooks.example.invalid/a");
        JsonNode again = server.send("PATCH", PATH + "/" + id,
                Map.of("webhook_url", "https://hooks.example.invalid/b", "webhook_events", List.of())).json();
        assertThat(again.get("webhook_url").asString()).isEqualTo("https://hooks.example.invalid/b");
        assertThat(again.get("webhook_events").size()).isZero();
        assertThat(again.get("is_enabled").asBoolean()).isFalse();
    }

    @Test
    void doesForgetTheEndpointWhenDeleted() {
        String id = Hooks.createEndpoint(server, "https://hooks.example.invalid/a").get("id").asString();

        assertThat(server.delete(PATH + "/" + id).status()).isEqualTo(200);

        assertThat(server.get(PATH + "/" + id).status()).isEqualTo(404);
        assertThat(server.delete(PATH + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void doesNotShowEndpointsWhenAskedFromAnotherOrganizationOrEnvironment() {
        String id = Hooks.createEndpoint(server, "https://hooks.example.invalid/a").get("id").asString();
        Api other = newOrganization().test().withKey(api);
        Api production = org.production().withKey(api);

        assertThat(other.get(PATH + "/" + id).status()).isEqualTo(404);
        assertThat(production.get(PATH + "/" + id).status()).isEqualTo(404);
        assertThat(other.send("PATCH", PATH + "/" + id, Map.of("is_enabled", false)).status()).isEqualTo(404);
        assertThat(other.post(PATH + "/" + id + "/rotate-secret", Map.of()).status()).isEqualTo(404);
        assertThat(other.delete(PATH + "/" + id).status()).isEqualTo(404);
        assertThat(other.get(PATH).json().get("docs").size()).isZero();
        assertThat(server.get(PATH + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void doesWalkAllEndpointsWhenFollowingCursors() {
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            made.add(Hooks.createEndpoint(server, "https://hooks.example.invalid/" + i).get("id").asString());
        }
        Set<String> seen = new HashSet<>();
        String cursor = "";
        int pages = 0;
        while (cursor != null) {
            JsonNode page = server.get(PATH + "?limit=2&cursor=" + cursor).json();
            page.get("docs").forEach(d -> seen.add(d.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        }
        assertThat(seen).isEqualTo(made);
        assertThat(pages).isEqualTo(3);
        assertThat(server.get(PATH + "?cursor=garbage").status()).isEqualTo(400);
    }

    @Test
    void doesIssueANewSecretAndKeepTheOldOneForTheOverlapWhenRotating() {
        JsonNode created = Hooks.createEndpoint(server, "https://hooks.example.invalid/a");
        String id = created.get("id").asString();

        Api.Response r = server.post(PATH + "/" + id + "/rotate-secret", Map.of());

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("secret").asString()).startsWith("whsec_").isNotEqualTo(created.get("secret").asString());
        assertThat(r.json().get("previous_secret_expires_at").isNull()).isFalse();
        assertThat(server.get(PATH + "/" + id).json().get("previous_secret_expires_at"))
                .isEqualTo(r.json().get("previous_secret_expires_at"));
    }

    @Test
    void doesRefuseNonPublicUrlsWhenCreatingInProduction() {
        Api production = org.production().withKey(api);
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                "http://192.168.0.10/hook", "http://172.16.5.4/hook", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/hook", "http://[fd00::1]/hook", "http://0.0.0.0/hook", "http://100.64.0.1/hook",
                "http://[::ffff:127.0.0.1]/hook")) {
            Api.Response r = production.post(PATH, Map.of("webhook_url", url));
            assertThat(r.status()).as(url + " " + r.text()).isEqualTo(400);
            assertThat(r.json().get("error").asString()).as(url).isEqualTo("webhook_url_not_allowed");
        }
        String id = Hooks.createEndpoint(production, "https://hooks.example.invalid/a").get("id").asString();
        assertThat(production.send("PATCH", PATH + "/" + id, Map.of("webhook_url", "http://127.0.0.1/x")).status())
                .isEqualTo(400);
    }

    @Test
    void doesAllowLoopbackUrlsWhenCreatingInTest() {
        assertThat(server.post(PATH, Map.of("webhook_url", "http://127.0.0.1:8080/hook")).status()).isEqualTo(201);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
