package dev.keybridge.webhook;

import dev.keybridge.events.EventType;
import dev.keybridge.web.Errors;
import java.util.Map;
import java.util.Set;

/**
 * The original seed-000 system's webhook event names (wire-formats §6), accepted wherever an event
 * type is named and stored as ours: {@code Connection Created} → {@code connection.created},
 * {@code Connection Deleted} → {@code connection.deleted}, {@code Connection Expired} →
 * {@code access_token.login_required}. Its workflow events are refused: Keybridge has no workflows.
 */
final class EventAliases {

    static final Map<String, EventType<?>> ALIASES = Map.of(
            "Connection Created", EventType.CONNECTION_CREATED,
            "Connection Deleted", EventType.CONNECTION_DELETED,
            "Connection Expired", EventType.ACCESS_TOKEN_LOGIN_REQUIRED);

    static final Set<String> WORKFLOW_EVENTS = Set.of("Workflow Completed", "Workflow Errored");

    private EventAliases() {}

    /** Our wire name for {@code name}, or null when it is neither ours nor an alias. */
    static String resolve(String field, String name) {
        EventType<?> alias = ALIASES.get(name);
        if (alias != null) {
            return alias.wire();
        }
        if (WORKFLOW_EVENTS.contains(name)) {
            throw new Errors.InvalidRequest("not_supported", "'" + field + "' holds '" + name + "', an event of the original "
                    + "system's workflow engine; Keybridge runs no workflows, so it never sends it.");
        }
        try {
            return EventType.fromWire(name).wire();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
