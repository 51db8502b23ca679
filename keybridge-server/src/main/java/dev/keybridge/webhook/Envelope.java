package dev.keybridge.webhook;

import dev.keybridge.web.Timestamps;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The body every receiver gets: {@code {id, object: "event", created, type, environment, data}}. */
final class Envelope {

    private Envelope() {}

    static byte[] of(JsonMapper json, Claimed c) {
        ObjectNode body = json.createObjectNode();
        body.put("id", c.eventId());
        body.put("object", "event");
        body.put("created", Timestamps.format(c.eventCreatedAt()));
        body.put("type", c.eventType());
        body.put("environment", c.environment().wire());
        body.set("data", json.readTree(c.eventData()));
        return json.writeValueAsBytes(body);
    }
}
