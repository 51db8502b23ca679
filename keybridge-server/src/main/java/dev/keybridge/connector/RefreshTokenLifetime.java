package dev.keybridge.connector;

import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** When an OAuth2 refresh token stops working, from the token answer or the catalogue (issue 20, item 1). */
final class RefreshTokenLifetime {

    private RefreshTokenLifetime() {}

    /**
     * When the refresh token this answer issued stops working: the answer's {@code refresh_token_expires_in}
     * (GitHub Apps) or {@code x_refresh_token_expires_in} (Intuit), else the catalogue's documented
     * lifetime counted from now when the answer issued a new refresh token (not {@code previous} again, as
     * non-rotating providers answer a refresh). Null when nothing new is known: the stored horizon stays.
     */
    static Expiry expiry(ConnectorContext context, JsonNode body, String previous) {
        if (!body.hasNonNull("refresh_token")) {
            return null;
        }
        for (String field : List.of("refresh_token_expires_in", "x_refresh_token_expires_in")) {
            long seconds = seconds(body.get(field));
            if (seconds > 0) {
                return new Expiry(context.clock().instant().plusSeconds(seconds), Expiry.REFRESH_TOKEN);
            }
        }
        Integer days = context.app().oauth2().refreshTokenLifetimeDays();
        return days == null || body.get("refresh_token").asString().equals(previous) ? null : new Expiry(context.clock().instant().plus(Duration.ofDays(days)), Expiry.REFRESH_TOKEN);
    }

    /** A number of seconds, as a JSON number or a numeric string; 0 when absent or not one. */
    private static long seconds(JsonNode n) {
        if (n == null || n.isNull()) {
            return 0;
        }
        if (n.canConvertToLong()) {
            return n.asLong();
        }
        try {
            return Long.parseLong(n.asString().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
