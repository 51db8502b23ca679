package dev.keybridge.connection;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of a disconnect by the server ({@code DELETE /v1/connection}, {@code …/connections/{id}}). */
@Schema(name = "ConnectionDisconnected")
@JsonPropertyOrder({"success", "connection_id", "status", "revoked_at_provider"})
public record DisconnectedResponse(
        boolean success,
        @JsonProperty("connection_id") String connectionId,
        @Schema(allowableValues = "disconnected") String status,
        @JsonProperty("revoked_at_provider") @Schema(description = "Whether the provider confirmed the revocation.")
        boolean revokedAtProvider) {}
