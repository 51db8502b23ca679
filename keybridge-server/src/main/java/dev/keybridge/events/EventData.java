package dev.keybridge.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of an event ({@link Events#emit}); each {@link EventType} has its record:
 * <ul>
 *   <li>{@code linked_account.created}, {@code .updated}: the linked account ({@code account.AccountView});</li>
 *   <li>{@code linked_account.deleted}: {@link LinkedAccountDeleted};</li>
 *   <li>{@code connection.created}: {@link Connection};</li>
 *   <li>{@code connection.repaired}, {@code connection.deleted}, {@code access_token.login_required}: {@link Health};</li>
 *   <li>{@code connection.refresh_failed}: {@link RefreshFailed};</li>
 *   <li>{@code connection.scopes_updated}: {@link ScopesUpdated};</li>
 *   <li>{@code connection.pending_expiration}, {@code access_token.password_change_warning}: {@link PendingExpiration};</li>
 *   <li>{@code reconnect_link.created}: {@link ReconnectLinkCreated};</li>
 *   <li>{@code config.updated}: the config ({@code userconfig}); {@code config.deleted}: {@link ConfigDeleted};</li>
 *   <li>{@code webhook.test}: {@link WebhookTest}.</li>
 * </ul>
 * Null members are written (as {@code null}), as the maps these records replaced wrote them.
 */
public interface EventData {

    /** {@code linked_account.created}, {@code .updated}: the linked account as the API shows it ({@code account.AccountView}). */
    interface LinkedAccountData extends EventData {}

    /** {@code config.updated}: the config as the API shows it ({@code userconfig.ConfigView}). */
    interface ConfigData extends EventData {}

    /** {@code connection.created} (also the {@code connection} of a credential import's answer). */
    @Schema(name = "ConnectionEvent")
    @JsonPropertyOrder({"connection_id", "linked_account_id", "app", "status", "org_id", "created_at"})
    record Connection(@JsonProperty("connection_id") String connectionId,
                      @JsonProperty("linked_account_id") String linkedAccountId,
                      String app,
                      String status,
                      @JsonProperty("org_id") @Nullable String orgId,
                      @JsonProperty("created_at") String createdAt) implements EventData {}

    /** {@code connection.repaired}, {@code connection.deleted}, {@code access_token.login_required}. */
    @Schema(name = "ConnectionHealthEvent")
    @JsonPropertyOrder({"connection_id", "linked_account_id", "app", "status", "status_reason", "org_id", "at"})
    record Health(@JsonProperty("connection_id") String connectionId,
                  @JsonProperty("linked_account_id") String linkedAccountId,
                  String app,
                  @Schema(allowableValues = {"active", "login_required", "disconnected"}) String status,
                  @JsonProperty("status_reason") @Nullable String statusReason,
                  @JsonProperty("org_id") @Nullable String orgId,
                  String at) implements EventData {}

    /** {@code connection.refresh_failed} (the first failure of a run). */
    @Schema(name = "RefreshFailedEvent")
    @JsonPropertyOrder({"connection_id", "app", "error"})
    record RefreshFailed(@JsonProperty("connection_id") String connectionId, String app, String error)
            implements EventData {}

    /** {@code connection.scopes_updated}: an update-mode Link changed the scopes of the connection's OAuth grant. */
    @Schema(name = "ScopesUpdatedEvent")
    @JsonPropertyOrder({"connection_id", "linked_account_id", "app", "added", "removed", "scopes"})
    record ScopesUpdated(@JsonProperty("connection_id") String connectionId,
                         @JsonProperty("linked_account_id") String linkedAccountId,
                         String app,
                         @Schema(description = "Scopes the grant holds now and did not before.") List<String> added,
                         @Schema(description = "Scopes the grant held before and no longer does.") List<String> removed,
                         @Schema(description = "Every scope the grant holds now.") List<String> scopes)
            implements EventData {}

    /**
     * {@code connection.pending_expiration} (and {@code access_token.password_change_warning}, seed 002's name for
     * an expiring password): the connection still works, and stops at {@code expires_at} unless the end user
     * renews it in update mode.
     */
    @Schema(name = "PendingExpirationEvent")
    @JsonPropertyOrder({"connection_id", "linked_account_id", "app", "expires_at", "reason", "org_id"})
    record PendingExpiration(@JsonProperty("connection_id") String connectionId,
                             @JsonProperty("linked_account_id") String linkedAccountId,
                             String app,
                             @JsonProperty("expires_at") String expiresAt,
                             @Schema(description = "Why it expires: `refresh_token_expiring` (the OAuth grant's refresh "
                                     + "token has a lifetime), `password_expiring` (the provider says the password "
                                     + "expires), `key_expiring` (the provider states the key's end) or "
                                     + "`consent_expiring` (the app's consent window ends).",
                                     example = "password_expiring") String reason,
                             @JsonProperty("org_id") @Nullable String orgId) implements EventData {}

    /**
     * {@code reconnect_link.created}: a reconnect link was made (the API, the dashboard's repair inbox). It carries no
     * URL (Keybridge never stores one): to deliver it through your own channel, ask for it with
     * {@code POST /api/v2/public/reconnect-links/{id}/url}.
     */
    @Schema(name = "ReconnectLinkCreatedEvent")
    @JsonPropertyOrder({"reconnect_link_id", "connection_id", "linked_account_id", "app", "expires_at", "email", "language"})
    record ReconnectLinkCreated(@JsonProperty("reconnect_link_id") String reconnectLinkId,
                                @JsonProperty("connection_id") String connectionId,
                                @JsonProperty("linked_account_id") String linkedAccountId,
                                String app,
                                @JsonProperty("expires_at") String expiresAt,
                                @Schema(description = "Where Keybridge e-mailed it; null: nowhere.") @Nullable String email,
                                @Nullable String language) implements EventData {}

    /** {@code linked_account.deleted}. */
    @Schema(name = "LinkedAccountDeletedEvent")
    @JsonPropertyOrder({"_id", "account_id"})
    record LinkedAccountDeleted(@JsonProperty("_id") String id, @JsonProperty("account_id") String accountId)
            implements EventData {}

    /** {@code config.deleted}. */
    @Schema(name = "ConfigDeletedEvent")
    @JsonPropertyOrder({"_id", "config_id", "slug", "linked_account_id"})
    record ConfigDeleted(@JsonProperty("_id") String id, @JsonProperty("config_id") String configId, String slug,
                         @JsonProperty("linked_account_id") String linkedAccountId) implements EventData {}

    /** {@code webhook.test}: sent to one endpoint on request. */
    @Schema(name = "WebhookTestEvent")
    @JsonPropertyOrder({"message", "sent_at"})
    record WebhookTest(String message, @JsonProperty("sent_at") String sentAt) implements EventData {}
}
