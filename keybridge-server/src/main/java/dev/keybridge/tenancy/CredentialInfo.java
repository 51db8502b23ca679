package dev.keybridge.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A credential as listed later: never the secret, only its hint. */
public record CredentialInfo(
        String id,
        String environment,
        String kind,
        String name,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("secret_hint") String secretHint,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("last_used_at") String lastUsedAt,
        @JsonProperty("revoked_at") String revokedAt) {}
