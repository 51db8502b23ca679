package dev.keybridge.connector;

import dev.keybridge.catalog.AppDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A successful token answer (code exchange or refresh) as the connection keeps it: every plain value of the
 * answer over {@code base} (what the request already knew: the previous credentials, declared callback values),
 * when the access token expires, and when the refresh token does. {@code oauth2.access_token_expires: false}
 * means nothing expires and nothing is ever refreshed.
 */
final class TokenAnswer {

    private TokenAnswer() {}

    static Step success(ConnectorContext context, JsonNode body, Map<String, String> base) {
        AppDefinition.OAuth2 o = context.app().oauth2();
        Map<String, String> credentials = new LinkedHashMap<>(base);
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                credentials.put(e.getKey(), e.getValue().asString());
            }
        }
        if (!o.accessTokensExpire()) {
            // whatever expires_in says: no refresh token is kept, so neither the expiry scan nor the keep-alive
            // picks the connection up
            credentials.remove("refresh_token");
            credentials.remove("expires_in");
            return new Step.Success(credentials, null, null, null);
        }
        return new Step.Success(credentials, expiresAt(context, body.get("expires_in")), null,
                RefreshTokenLifetime.expiry(context, body, base.get("refresh_token")));
    }

    /** Now plus {@code expires_in} seconds (a number or a numeric string); null when absent or unusable. */
    private static Instant expiresAt(ConnectorContext context, JsonNode expiresIn) {
        if (expiresIn == null || expiresIn.isNull()) {
            return null;
        }
        if (expiresIn.canConvertToLong()) {
            return context.clock().instant().plusSeconds(expiresIn.asLong());
        }
        try {
            return context.clock().instant().plusSeconds(Long.parseLong(expiresIn.asString().strip()));
        } catch (NumberFormatException e) {
            return null;   // no usable expiry
        }
    }
}
