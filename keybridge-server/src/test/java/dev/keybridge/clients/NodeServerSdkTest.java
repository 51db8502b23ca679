package dev.keybridge.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.TestOrganization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every call of the original Node server SDK but its nine workflow-engine ones, as that SDK makes them
 * ({@link NodeServerSdk}), against the real server: linked accounts, session token, credential import,
 * applications, configs (labels keyed by field, the default config's trailing slash, bodies on GET and
 * DELETE) and the one-webhook calls, each answer read the way the SDK's types read it.
 */
class NodeServerSdkTest extends IntegrationTest {

    private static final String ACCOUNT = "account:12345";

    @Test
    void doesAnswerEveryNonWorkflowCallWhenMadeAsTheNodeServerSdkMakesIt() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        assertThat(server.put("/api/v2/public/config-schema/sandbox-keys", Map.of("fields", List.of(
                Map.of("id", "channel", "name", "Channel", "type", "select", "label_driven", true),
                Map.of("id", "limit", "name", "Daily limit", "type", "number")))).status()).isEqualTo(200);
        NodeServerSdk sdk = new NodeServerSdk(api, org.test().apiKey());

        JsonNode created = sdk.createLinkedAccount(Map.of("linked_account_id", ACCOUNT, "name", "Mark Wood"));
        assertThat(created.get("account_id").asString()).isEqualTo(ACCOUNT);
        assertThat(sdk.upsertLinkedAccount(Map.of("linked_account_id", ACCOUNT, "name", "Mark Wood",
                "udf", Map.of("phone", "1234567890"))).get("udf").get(0).get("key_name").asString()).isEqualTo("phone");
        JsonNode page = sdk.getAllLinkedAccounts(Map.of("page", "1", "limit", "10"));
        assertThat(page.get("docs").get(0).get("account_id").asString()).isEqualTo(ACCOUNT);
        assertThat(page.get("totalDocs").asInt()).isEqualTo(1);
        assertThat(sdk.getLinkedAccountById(ACCOUNT).get("name").asString()).isEqualTo("Mark Wood");
        assertThat(sdk.getTokenForLinkedAccount(Map.of("linked_account_id", ACCOUNT)).get("token").asString()).isNotBlank();

        JsonNode imported = sdk.migrateAuth(Map.of("linked_account_id", ACCOUNT, "slug", "sandbox-keys",
                "auth_object", Map.of("api_key", "key_good")));
        assertThat(imported.get("success").asBoolean()).isTrue();
        JsonNode apps = sdk.getApplications(ACCOUNT);
        assertThat(apps.findValuesAsString("slug")).contains("sandbox-keys", "sandbox-ehr");
        JsonNode keys = sdk.getApplicationBySlug(ACCOUNT, "sandbox-keys");
        assertThat(keys.get("connected").asBoolean()).isTrue();
        assertThat(keys.get("auth_type").asString()).isEqualTo("keybased");

        JsonNode config = sdk.config(Map.of("linked_account_id", ACCOUNT, "slug", "sandbox-keys",
                "labels", Map.of("channel", List.of(Map.of("name", "#general", "value", "C1")))));
        assertThat(config.get("config_id").asString()).isEqualTo("default");
        JsonNode updated = sdk.updateConfig(Map.of("linked_account_id", ACCOUNT, "slug", "sandbox-keys",
                "fields", Map.of("channel", "C1", "limit", 7)));
        assertThat(updated.get("fields").findValues("value")).extracting(JsonNode::asString).contains("C1", "7");
        assertThat(sdk.getConfig(Map.of("linked_account_id", ACCOUNT, "slug", "sandbox-keys"))
                .get("_id").asString()).isEqualTo(config.get("_id").asString());
        sdk.config(Map.of("linked_account_id", ACCOUNT, "slug", "sandbox-keys", "config_id", "eu-team"));
        assertThat(sdk.getConfig(Map.of("linked_account_id", ACCOUNT, "slug", "sandbox-keys", "config_id", "eu-team"))
                .get("config_id").asString()).isEqualTo("eu-team");
        assertThat(sdk.deleteConfig(Map.of("linked_account_id", ACCOUNT, "slug", "sandbox-keys", "config_id", "eu-team"))
                .get("deleted").asBoolean()).isTrue();
        assertThat(sdk.deleteConfig(Map.of("linked_account_id", ACCOUNT, "slug", "sandbox-keys"))
                .get("config_id").asString()).isEqualTo("default");
        assertThatThrownBy(() -> sdk.getConfig(Map.of("linked_account_id", ACCOUNT, "slug", "sandbox-keys")))
                .isInstanceOfSatisfying(NodeServerSdk.SdkError.class, e -> assertThat(e.status).isEqualTo(404))
                .hasMessageContaining("config");

        JsonNode hook = sdk.createWebhook(Map.of("webhook_url", "https://acme.example.com/hooks",
                "webhook_events", List.of("Connection Created")));
        JsonNode got = sdk.getWebhook();
        assertThat(got.get("_id").asString()).isEqualTo(hook.get("_id").asString());
        assertThat(got.get("webhook_url").asString()).isEqualTo("https://acme.example.com/hooks");
        assertThat(sdk.subscribeWebhookEvents(Map.of("webhook_events", List.of("Connection Expired")))
                .get("webhook_events")).extracting(JsonNode::asString)
                .containsExactly("connection.created", "access_token.login_required");
        assertThat(sdk.getWebhook().get("webhook_events")).extracting(JsonNode::asString)
                .containsExactly("connection.created", "access_token.login_required");
        assertThat(sdk.unsubscribeWebhookEvent(Map.of("webhook_event", "Connection Created"))
                .get("webhook_events")).extracting(JsonNode::asString).containsExactly("access_token.login_required");
        assertThat(sdk.deleteWebhook().get("success").asBoolean()).isTrue();
        assertThat(sdk.getWebhook().has("webhook_url")).isFalse();

        assertThat(sdk.deleteLinkedAccount(ACCOUNT).get("message").asString()).isEqualTo("User deleted successfully");
        assertThatThrownBy(() -> sdk.getLinkedAccountById(ACCOUNT))
                .isInstanceOfSatisfying(NodeServerSdk.SdkError.class, e -> assertThat(e.status).isEqualTo(404));
    }
}
