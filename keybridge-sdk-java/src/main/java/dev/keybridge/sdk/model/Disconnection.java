package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to disconnecting a connection.
 *
 * @param success           true
 * @param connectionId      the connection
 * @param status            {@code disconnected}
 * @param revokedAtProvider whether the provider confirmed the grant's revocation
 */
public record Disconnection(boolean success, @JsonProperty("connection_id") String connectionId, String status,
                            @JsonProperty("revoked_at_provider") boolean revokedAtProvider) {}
