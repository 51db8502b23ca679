package dev.keybridge.userconfig;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the config calls' bodies and headers into a {@link ConfigService.Key}. A session caller's linked
 * account is its token's; a server caller names it with the {@code linked_account_id} header and/or the
 * body field (they must agree).
 */
final class ConfigRequests {

    static final int MAX_ID = 255;

    private ConfigRequests() {}

    /** The fields a body may hold: server callers may also name the linked account in it. */
    static String[] allowed(Caller caller, String... fields) {
        if (caller.via() == Caller.Via.SESSION_TOKEN) {
            return fields;
        }
        String[] out = java.util.Arrays.copyOf(fields, fields.length + 1);
        out[fields.length] = "linked_account_id";
        return out;
    }

    static ConfigService.Key key(Caller caller, JsonFields body, String header) {
        String fromBody = caller.via() == Caller.Via.SESSION_TOKEN ? null : body.optionalString("linked_account_id", MAX_ID);
        return new ConfigService.Key(account(caller, fromBody, header), body.requiredString("slug", 100),
                configId(body.optionalString("config_id", MAX_ID)));
    }

    static ConfigService.Key key(Caller caller, String header, String slug, String configId) {
        if (configId != null) {
            JsonFields.checkLength("config_id", configId, MAX_ID);
        }
        return new ConfigService.Key(account(caller, null, header), slug, configId(configId));
    }

    static List<FieldDef.Option> labels(JsonFields body) {
        return body.has("labels") && !body.isNull("labels") ? SchemaParser.options(body.raw("labels"), "labels") : null;
    }

    static ConfigChange change(JsonFields body) {
        return new ConfigChange(body.raw("fields"), body.raw("workflows"));
    }

    private static String account(Caller caller, String fromBody, String header) {
        if (caller.via() == Caller.Via.SESSION_TOKEN) {
            return caller.linkedAccountId();
        }
        String h = header == null || header.isBlank() ? null : header.strip();
        if (fromBody != null && h != null && !fromBody.equals(h)) {
            throw Errors.invalid("The linked_account_id header and the body's 'linked_account_id' differ.");
        }
        String id = fromBody != null ? fromBody : h;
        if (id == null || id.isBlank()) {
            throw Errors.invalid("Send the linked account as a 'linked_account_id' header (or body field).");
        }
        JsonFields.checkLength("linked_account_id", id, MAX_ID);
        return id;
    }

    private static String configId(String id) {
        return id == null || id.isBlank() ? UserConfig.DEFAULT_ID : id.strip();
    }

    static JsonFields body(Caller caller, JsonNode body, String... fields) {
        return JsonFields.of(body, allowed(caller, fields));
    }
}
