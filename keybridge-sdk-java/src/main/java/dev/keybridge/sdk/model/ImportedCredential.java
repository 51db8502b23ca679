package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The answer to a credential import ({@code PUT /api/v2/public/migrate-token}): the new connection
 * and its access token. Store the access token as you store one from an exchange: it is a credential,
 * and {@link #toString()} does not show it.
 *
 * @param success     true
 * @param connection  the connection made from the imported credentials
 * @param accessToken the connection's access token (for the proxy and the status API)
 */
public record ImportedCredential(
        boolean success,
        Connection connection,
        @JsonProperty("access_token") String accessToken) {

    /**
     * The connection an import made.
     *
     * @param connectionId    its id ({@code conn_…})
     * @param linkedAccountId your id of the linked account (created if it was missing)
     * @param app             the app's slug
     * @param status          {@code active}
     * @param orgId           the end user's own organization reference, or null
     * @param createdAt       when it was made
     */
    public record Connection(
            @JsonProperty("connection_id") String connectionId,
            @JsonProperty("linked_account_id") String linkedAccountId,
            String app,
            String status,
            @JsonProperty("org_id") String orgId,
            @JsonProperty("created_at") Instant createdAt) {}

    @Override
    public String toString() {
        return "ImportedCredential[connection=" + connection + ", accessToken=****]";
    }
}
