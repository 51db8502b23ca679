package dev.keybridge.account;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A validated upsert/create body. Absent fields are null; {@code nameSent}/{@code yourAppSent}
 * tell "absent" from "sent as null". In {@code udf}, a JSON null value means "remove this key".
 */
record AccountInput(
        String linkedAccountId,
        boolean nameSent,
        String name,
        Map<String, JsonNode> udf,
        boolean yourAppSent,
        YourAppInput yourApp) {

    /** {@code credentials} is null when not sent; a JSON null node when sent as null. */
    record YourAppInput(String appId, JsonNode credentials) {}

    static AccountInput parse(JsonNode body, KeybridgeSettings.Limits limits) {
        JsonFields fields = JsonFields.body(body, UpsertRequest.class, limits);
        String id = Ids.chosen("linked_account_id", fields.requiredString("linked_account_id"), limits.maxIdLength());
        String name = fields.optionalString("name");
        return new AccountInput(id, fields.has("name"), name, udf(fields.raw("udf"), limits),
                fields.has("your_app"), yourApp(fields.raw("your_app"), limits));
    }

    private static Map<String, JsonNode> udf(JsonNode node, KeybridgeSettings.Limits limits) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw Errors.invalid("'udf' must be an object of key → string, number or boolean.");
        }
        if (node.size() > limits.maxUdfKeys()) {
            throw Errors.invalid("'udf' has more than " + limits.maxUdfKeys() + " keys.");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (key.isEmpty()) {
                throw Errors.invalid("'udf' keys must not be empty.");
            }
            JsonFields.checkLength("udf key '" + abbreviate(key) + "'", key, limits.maxUdfKeyLength());
            JsonNode v = e.getValue();
            if (v.isString()) {
                JsonFields.checkLength("udf." + abbreviate(key), v.asString(), limits.maxUdfValueLength());
            } else if (!(v.isNull() || v.isNumber() || v.isBoolean())) {
                throw Errors.invalid("'udf." + abbreviate(key) + "' must be a string, number, boolean or null.");
            }
            out.put(key, v);
        }
        return out;
    }

    private static YourAppInput yourApp(JsonNode node, KeybridgeSettings.Limits limits) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonFields app = JsonFields.at(node, "your_app", UpsertRequest.YourApp.class, limits);
        String appId = app.requiredString("app_id");
        JsonNode credentials = app.raw("auth_credentials");
        if (credentials != null && !credentials.isNull()) {
            if (!credentials.isObject()) {
                throw Errors.invalid("'your_app.auth_credentials' must be an object.");
            }
            if (credentials.toString().getBytes(StandardCharsets.UTF_8).length > limits.maxAuthCredentialsBytes()) {
                throw Errors.invalid("'your_app.auth_credentials' is larger than " + limits.maxAuthCredentialsBytes() + " bytes.");
            }
        }
        return new YourAppInput(appId, credentials);
    }

    private static String abbreviate(String key) {
        return key.length() > 40 ? key.substring(0, 40) + "…" : key;
    }
}
