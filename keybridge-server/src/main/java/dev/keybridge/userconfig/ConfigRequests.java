package dev.keybridge.userconfig;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import tools.jackson.databind.JsonNode;

/**
 * Reads the config calls' bodies and headers into a {@link ConfigService.Key}. A session caller's linked
 * account is its token's; a server caller names it with the {@code linked_account_id} header and/or the
 * body field (they must agree).
 */
final class ConfigRequests {

    /**
     * Longest {@code linked_account_id} / {@code config_id}: the bodies declare it with {@code @Size(max = MAX_ID)}
     * ({@link ConfigBodies}), the header and the query are checked here.
     */
    static final int MAX_ID = 255;

    private ConfigRequests() {}

    /**
     * The config a body names. A session caller may not send {@code linked_account_id} (its token's account
     * is the one); a server caller's is checked as a string like every other field.
     */
    static ConfigService.Key key(Caller caller, String slug, String configId, JsonNode linkedAccountId, String header) {
        String fromBody = null;
        if (linkedAccountId != null) {
            if (caller.via() == Caller.Via.SESSION_TOKEN) {
                throw Errors.invalid("Unknown field 'linked_account_id'.");
            }
            if (!linkedAccountId.isNull()) {
                if (!linkedAccountId.isString()) {
                    throw Errors.invalid("'linked_account_id' must be a string.");
                }
                fromBody = Ids.chosen("linked_account_id", linkedAccountId.asString(), MAX_ID);
            }
        }
        return new ConfigService.Key(account(caller, fromBody, header), slug, configId(configId));
    }

    static ConfigService.Key key(Caller caller, String header, String slug, String configId) {
        return new ConfigService.Key(account(caller, null, header), slug, configId(configId));
    }

    private static String account(Caller caller, String fromBody, String header) {
        if (caller.via() == Caller.Via.SESSION_TOKEN) {
            return caller.linkedAccountId();
        }
        String h = header == null || header.isBlank() ? null
                : Ids.chosenFromHeader("linked_account_id", header.strip(), MAX_ID);
        if (fromBody != null && h != null && !fromBody.equals(h)) {
            throw Errors.invalid("The linked_account_id header and the body's 'linked_account_id' differ.");
        }
        String id = fromBody != null ? fromBody : h;
        if (id == null || id.isBlank()) {
            throw Errors.invalid("Send the linked account as a 'linked_account_id' header (or body field).");
        }
        return id;
    }

    /** Absent or blank: the default config; any other id is held to the one id rule ({@link Ids#chosen}). */
    private static String configId(String id) {
        return id == null || id.isBlank() ? UserConfig.DEFAULT_ID : Ids.chosen("config_id", id, MAX_ID);
    }
}
