package dev.keybridge.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** A credential as listed later: never the secret, only its hint (no client id for an API key). */
public record CredentialInfo(
        String id,
        String environment,
        String kind,
        String name,
        @JsonProperty("client_id") @Nullable String clientId,
        @JsonProperty("secret_hint") String secretHint,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("last_used_at") @Nullable String lastUsedAt,
        @JsonProperty("revoked_at") @Nullable String revokedAt) {}
