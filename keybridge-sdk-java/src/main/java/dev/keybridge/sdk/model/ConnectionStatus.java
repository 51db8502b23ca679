package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A connection's health, from the status API.
 *
 * @param id              the connection id ({@code conn_…})
 * @param app             the app's slug
 * @param linkedAccountId your id of the linked account
 * @param orgId           the end user's own organization reference given at link time, or null
 * @param status          {@code active}, {@code login_required} or {@code disconnected}
 * @param statusReason    why it is not active, or null
 * @param statusChangedAt when the status last changed
 * @param createdAt       when it was linked
 * @param tokenExpiresAt  when the stored OAuth2 token expires, or null
 * @param lastRefreshedAt last token refresh, or null
 * @param lastError       last refresh error, or null
 * @param lastErrorAt     when it happened, or null
 * @param refreshFailures failed refreshes in a row
 * @param scopes          the scopes the OAuth grant received (updated by update mode and by refreshes that report
 *                        them), or null when it is not an OAuth2 connection or they are not known
 * @param expiration      when the credential stops working unless the end user renews it, or null when no end is known
 * @param transitions     recent status changes, newest first
 */
public record ConnectionStatus(
        String id,
        String app,
        @JsonProperty("linked_account_id") String linkedAccountId,
        @JsonProperty("org_id") String orgId,
        String status,
        @JsonProperty("status_reason") String statusReason,
        @JsonProperty("status_changed_at") Instant statusChangedAt,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("token_expires_at") Instant tokenExpiresAt,
        @JsonProperty("last_refreshed_at") Instant lastRefreshedAt,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("last_error_at") Instant lastErrorAt,
        @JsonProperty("refresh_failures") int refreshFailures,
        List<String> scopes,
        Expiration expiration,
        List<Transition> transitions) {

    /**
     * A known end of the credential.
     *
     * @param expiresAt when it stops working unless renewed in update mode
     * @param reason    {@code refresh_token_expiring} or {@code password_expiring}
     * @param pending   whether it lies within the environment's warning lead time
     * @param warnedAt  when {@code connection.pending_expiration} was sent for it, or null
     */
    public record Expiration(@JsonProperty("expires_at") Instant expiresAt, String reason, boolean pending,
                             @JsonProperty("warned_at") Instant warnedAt) {}

    /**
     * One status change.
     *
     * @param from   the status before
     * @param to     the status after
     * @param reason why
     * @param at     when
     */
    public record Transition(String from, String to, String reason, Instant at) {}

    /** Whether calls through this connection work now. */
    public boolean isActive() {
        return "active".equals(status);
    }
}
