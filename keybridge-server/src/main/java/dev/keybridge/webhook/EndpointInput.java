package dev.keybridge.webhook;

import dev.keybridge.events.EventType;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A create or update body: {@code webhook_url}, {@code webhook_events} (event type names; empty
 * means all) and {@code is_enabled}. On update a field not sent is kept (null = not sent).
 */
record EndpointInput(String url, List<String> eventTypes, Boolean enabled) {

    static final String URL = "webhook_url";
    static final String EVENTS = "webhook_events";
    static final String ENABLED = "is_enabled";

    static EndpointInput forCreate(JsonNode body) {
        JsonFields f = JsonFields.of(body, URL, EVENTS, ENABLED);
        String url = f.requiredString(URL, Integer.MAX_VALUE);
        List<String> events = f.has(EVENTS) && !f.isNull(EVENTS) ? events(f.raw(EVENTS)) : List.of();
        return new EndpointInput(url, events, f.has(ENABLED) && !f.isNull(ENABLED) ? bool(f.raw(ENABLED)) : Boolean.TRUE);
    }

    static EndpointInput forUpdate(JsonNode body) {
        JsonFields f = JsonFields.of(body, URL, EVENTS, ENABLED);
        String url = f.has(URL) ? f.requiredString(URL, Integer.MAX_VALUE) : null;
        List<String> events = !f.has(EVENTS) ? null : f.isNull(EVENTS) ? List.of() : events(f.raw(EVENTS));
        Boolean enabled = f.has(ENABLED) ? bool(f.raw(ENABLED)) : null;
        return new EndpointInput(url, events, enabled);
    }

    private static Boolean bool(JsonNode v) {
        if (!v.isBoolean()) {
            throw Errors.invalid("'" + ENABLED + "' must be true or false.");
        }
        return v.asBoolean();
    }

    static List<String> events(JsonNode v) {
        if (!v.isArray()) {
            throw Errors.invalid("'" + EVENTS + "' must be an array of event types (empty for all).");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode item : v) {
            if (!item.isString()) {
                throw Errors.invalid("'" + EVENTS + "' must hold strings.");
            }
            String name = item.asString();
            JsonFields.checkLength(EVENTS, name, 100);
            String ours = EventAliases.resolve(EVENTS, name);
            if (ours == null) {
                List<String> known = new ArrayList<>();
                for (EventType<?> t : EventType.values()) {
                    known.add(t.wire());
                }
                known.addAll(EventAliases.ALIASES.keySet().stream().sorted().toList());
                throw Errors.invalid("'" + EVENTS + "' holds an unknown event type '" + name + "'; known: "
                        + String.join(", ", known) + ".");
            }
            out.add(ours);
        }
        return List.copyOf(out);
    }
}
