package dev.keybridge.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The status API's view of a connection: health, reason, last refresh, last error, recent transitions. */
public record ConnectionStatus(
        String id,
        String app,
        @JsonProperty("linked_account_id") String linkedAccountId,
        @JsonProperty("org_id") String endUserOrgId,
        String status,
        @JsonProperty("status_reason") String statusReason,
        @JsonProperty("status_changed_at") String statusChangedAt,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("token_expires_at") String tokenExpiresAt,
        @JsonProperty("last_refreshed_at") String lastRefreshedAt,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("last_error_at") String lastErrorAt,
        @JsonProperty("refresh_failures") int refreshFailures,
        List<Transition> transitions) {

    public record Transition(String from, String to, String reason, String at) {}
}
