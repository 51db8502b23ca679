package dev.keybridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.events.EventType;
import dev.keybridge.support.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/webhooks.md lists every event type with its payload, as the OpenAPI document's {@code webhooks} section
 * (made from the {@link EventType} catalogue) gives them: the table between its markers is rendered from
 * docs/openapi.json and must equal it. {@code -Dkeybridge.openapi.write=true} rewrites it (after
 * {@code OpenApiDocumentTest} rewrote the document).
 */
class WebhookEventDocsTest {

    private static final Path DOC = Path.of("..", "docs", "webhooks.md");
    private static final String BEGIN = "<!-- event types: generated from docs/openapi.json by WebhookEventDocsTest -->";
    private static final String END = "<!-- end of event types -->";

    @Test
    void doesListEveryEventTypeWithItsPayloadWhenTheDocsAreRead() throws IOException {
        String text = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("docs/webhooks.md holds the markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String table = render(Api.JSON.readTree(Files.readString(Path.of("..", "docs", "openapi.json"),
                StandardCharsets.UTF_8)));
        String kept = text.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("keybridge.openapi.write") && !kept.equals(table)) {
            Files.writeString(DOC, text.substring(0, begin + BEGIN.length()) + table + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(kept).as("docs/webhooks.md's event types (rewrite: -Dkeybridge.openapi.write=true)").isEqualTo(table);
        for (EventType<?> t : EventType.values()) {
            assertThat(kept).contains("| `" + t.wire() + "` |");
        }
    }

    @Test
    void doesRenderARowWithTheMembersWhenAnEntryIsGiven() {
        JsonNode doc = Api.JSON.readTree("""
                {"webhooks": {"x.made": {"post": {"description": "Made.", "requestBody": {"content": {"application/json":
                  {"schema": {"properties": {"data": {"$ref": "#/components/schemas/X"}}}}}}}}},
                 "components": {"schemas": {"X": {"properties": {"a": {"type": "string"},
                   "b": {"type": ["string", "null"]}}}}}}""");

        assertThat(render(doc)).contains("| `x.made` | Made. | `X`: `a`, `b` (or null) |");
    }

    static String render(JsonNode doc) {
        List<String> rows = new ArrayList<>();
        rows.add("");
        rows.add("| Event type | When | `data` (schema in docs/openapi.json: members) |");
        rows.add("|---|---|---|");
        for (String type : doc.get("webhooks").propertyNames()) {
            JsonNode op = doc.get("webhooks").get(type).get("post");
            String ref = op.at("/requestBody/content/application~1json/schema/properties/data/$ref").asString();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            List<String> members = new ArrayList<>();
            JsonNode properties = doc.at("/components/schemas/" + name + "/properties");
            for (String member : properties.propertyNames()) {
                boolean nullable = properties.get(member).path("type").isArray()
                        && properties.get(member).path("type").toString().contains("\"null\"");
                members.add("`" + member + "`" + (nullable ? " (or null)" : ""));
            }
            rows.add("| `" + type + "` | " + op.get("description").asString() + " | `" + name + "`: "
                    + String.join(", ", members) + " |");
        }
        rows.add("");
        return String.join("\n", rows);
    }
}
