package dev.keybridge.webhook;

import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Timestamps;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The body every receiver gets: {@code {id, object: "event", created, type, environment, data}}. */
final class Envelope {

    private Envelope() {}

    static byte[] of(JsonMapper json, Claimed c) {
        return json.writeValueAsBytes(node(json, c.eventId(), c.eventCreatedAt(), c.eventType(), c.environment(), c.eventData()));
    }

    /** The body of an event as it is (or was) sent: the same for every endpoint and every attempt. */
    static ObjectNode node(JsonMapper json, String eventId, Instant created, String type, Environment env, String data) {
        ObjectNode body = json.createObjectNode();
        body.put("id", eventId);
        body.put("object", "event");
        body.put("created", Timestamps.format(created));
        body.put("type", type);
        body.put("environment", env.wire());
        body.set("data", json.readTree(data));
        return body;
    }
}
