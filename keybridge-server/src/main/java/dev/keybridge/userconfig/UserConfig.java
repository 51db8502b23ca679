package dev.keybridge.userconfig;

import dev.keybridge.tenancy.Environment;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One config: linked account (internal id; {@code accountExternalId} is the caller's id for it) x app x
 * {@code configId}. {@code values} maps field ids to values; {@code workflows} maps workflow ids to
 * their toggle and field values.
 */
record UserConfig(String id, String orgId, Environment environment, String accountId, String accountExternalId,
                  String slug, String configId, Labels labels, Map<String, JsonNode> values,
                  Map<String, WorkflowValues> workflows, Instant createdAt, Instant updatedAt) {

    /** The id a config gets when the caller names none (ours: the wire leaves it to the server). */
    static final String DEFAULT_ID = "default";

    record WorkflowValues(boolean enabled, Map<String, JsonNode> values) {}
}
