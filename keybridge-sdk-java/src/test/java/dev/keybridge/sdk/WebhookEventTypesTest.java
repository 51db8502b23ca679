package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.sdk.event.EventData;
import dev.keybridge.sdk.event.EventTypes;
import dev.keybridge.sdk.model.Config;
import dev.keybridge.sdk.model.LinkedAccount;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookEvent#typedData()}: each type's record, {@link EventData.Unknown} for a newer server's type, and
 * the SDK's catalogue in step with the server's ({@code docs/openapi.json}'s {@code webhooks} section).
 */
class WebhookEventTypesTest {

    private static final ObjectMapper JSON = Keybridge.mapper();

    private static WebhookEvent event(String type, String data) throws Exception {
        return new WebhookEvent("evt_1", "event", Instant.parse("2026-12-01T00:00:00Z"), type, "test", JSON.readTree(data));
    }

    @Test
    void doesParseEachPayloadIntoItsRecordWhenTheTypeIsKnown() throws Exception {
        WebhookEvent deleted = event("connection.deleted", "{\"connection_id\":\"c1\",\"linked_account_id\":\"u1\","
                + "\"app\":\"sandbox-keys\",\"status\":\"disconnected\",\"status_reason\":\"deleted\",\"org_id\":null,"
                + "\"at\":\"2026-12-01T00:00:00.000Z\"}");
        EventData.ConnectionHealth health = deleted.dataAs(EventData.ConnectionHealth.class);
        assertThat(health.connectionId()).isEqualTo("c1");
        assertThat(health.statusReason()).isEqualTo("deleted");
        assertThat(health.orgId()).isNull();
        assertThat(health.at()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(deleted.createdAt()).isEqualTo(deleted.created());

        EventData account = event("linked_account.created", "{\"_id\":\"a1\",\"account_id\":\"u1\",\"udf\":[],"
                + "\"__v\":0,\"name\":null}").typedData();
        assertThat(account).isInstanceOfSatisfying(EventData.LinkedAccountData.class,
                a -> assertThat(a.account().accountId()).isEqualTo("u1"));
        assertThat(event("webhook.test", "{\"message\":\"hi\",\"sent_at\":\"2026-12-01T00:00:00.000Z\"}").typedData())
                .isEqualTo(new EventData.WebhookTest("hi", Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void doesKeepTheRawJsonWhenTheTypeIsNewerThanTheSdk() throws Exception {
        WebhookEvent future = event("connection.future_event", "{\"connection_id\":\"c1\",\"scopes\":[\"a\"]}");

        EventData data = future.typedData();

        assertThat(data).isInstanceOfSatisfying(EventData.Unknown.class, u -> {
            assertThat(u.type()).isEqualTo("connection.future_event");
            assertThat(u.raw().path("scopes").get(0).asText()).isEqualTo("a");
        });
        assertThatThrownBy(() -> future.dataAs(EventData.Connection.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Unknown");
    }

    @Test
    void doesRefuseAKnownTypeWhenItsDataHasAnotherShape() throws Exception {
        assertThatThrownBy(() -> event("connection.created", "[1,2]").typedData())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connection.created");
    }

    @Test
    void doesKnowEveryTypeAndReadOnlyDocumentedMembersWhenComparedWithTheServersDocument() throws Exception {
        JsonNode doc = JSON.readTree(Files.readString(Path.of("..", "docs", "openapi.json")));
        JsonNode webhooks = doc.get("webhooks");
        Set<String> documented = new HashSet<>();
        webhooks.fieldNames().forEachRemaining(documented::add);

        assertThat(EventTypes.known()).containsExactlyInAnyOrderElementsOf(documented);
        for (String type : documented) {
            String ref = webhooks.at("/" + type + "/post/requestBody/content/application~1json/schema/properties/data/$ref")
                    .asText();
            JsonNode schema = doc.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1) + "/properties");
            Set<String> members = new HashSet<>();
            schema.fieldNames().forEachRemaining(members::add);
            assertThat(jsonNames(EventTypes.payloadOf(type))).as(type).isNotEmpty().isSubsetOf(members);
        }
    }

    private static List<String> jsonNames(Class<?> payload) {
        Class<?> shape = payload == EventData.LinkedAccountData.class ? LinkedAccount.class
                : payload == EventData.ConfigData.class ? Config.class : payload;
        List<String> out = new ArrayList<>();
        for (RecordComponent c : shape.getRecordComponents()) {
            JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
            if (p == null) {
                try {
                    p = shape.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
                } catch (NoSuchFieldException e) {
                    throw new AssertionError(e);
                }
            }
            out.add(p != null ? p.value() : c.getName());
        }
        return out;
    }
}
