package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of the repair inbox: the connections that need their end user, newest need first.
 *
 * @param docs        the connections on this page
 * @param limit       the page size asked for
 * @param hasNextPage whether {@code nextCursor} leads to more
 * @param nextCursor  pass back as the cursor of the next page; null on the last
 * @param counts      connections per state ({@code login_required}, {@code pending_expiration}, {@code failing})
 * @param countsByApp connections needing their end user per app
 * @param repaired    reconnect links of the last 7 days that repaired their connection, newest first
 */
public record RepairInbox(List<Item> docs, int limit, boolean hasNextPage, String nextCursor, Map<String, Long> counts,
                          @JsonProperty("counts_by_app") Map<String, Long> countsByApp, List<Repaired> repaired) {

    /**
     * A connection that needs its end user.
     *
     * @param connectionId    the connection
     * @param linkedAccountId your id of its linked account
     * @param app             the app's slug
     * @param state           {@code login_required}, {@code pending_expiration} or {@code failing}
     * @param reason          the status reason, the expiry's reason or the last error
     * @param since           since when it needs the end user
     * @param expiresAt       its known end, or null
     * @param lastLinkId      its latest reconnect link, or null
     * @param lastLinkState   that link's state, or null
     * @param lastEmail       where that link was e-mailed, or null
     */
    public record Item(@JsonProperty("connection_id") String connectionId,
                       @JsonProperty("linked_account_id") String linkedAccountId, String app, String state, String reason,
                       Instant since, @JsonProperty("expires_at") Instant expiresAt,
                       @JsonProperty("last_link_id") String lastLinkId, @JsonProperty("last_link_state") String lastLinkState,
                       @JsonProperty("last_email") String lastEmail) {}

    /**
     * A connection a reconnect link repaired.
     *
     * @param connectionId    the connection
     * @param linkedAccountId your id of its linked account
     * @param app             the app's slug
     * @param linkId          the reconnect link
     * @param email           where it was e-mailed, or null
     * @param linkCreatedAt   when the link was made
     */
    public record Repaired(@JsonProperty("connection_id") String connectionId,
                           @JsonProperty("linked_account_id") String linkedAccountId, String app,
                           @JsonProperty("link_id") String linkId, String email,
                           @JsonProperty("link_created_at") Instant linkCreatedAt) {}
}
