package dev.keybridge.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.web.CursorPage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v2/public/webhook}: our cursor page ({@code docs, limit, hasNextPage, nextCursor}) and, when
 * the answer holds the environment's only endpoint (one endpoint in all, or the one {@code ?webhook_url=}
 * names), that endpoint's {@code _id, webhook_url, webhook_events, is_enabled} beside them: the one object
 * the original Node server SDK's {@code getWebhook()} reads from the same request. Its request differs from
 * ours in nothing a server could tell apart (no query, no header of its own), so one answer serves both.
 */
@Schema(name = "WebhookEndpointList")
@JsonPropertyOrder({"docs", "limit", "hasNextPage", "nextCursor", "_id", "webhook_url", "webhook_events", "is_enabled"})
record EndpointList(
        List<EndpointResponse> docs,
        int limit,
        boolean hasNextPage,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "Pass back as `cursor` for the next page; null on the last page.")
        @Nullable String nextCursor,
        @JsonProperty("_id") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The only endpoint's id (absent unless the answer holds the environment's only endpoint).")
        String onlyId,
        @JsonProperty("webhook_url") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The only endpoint's URL (same condition).")
        String webhookUrl,
        @JsonProperty("webhook_events") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The only endpoint's events (same condition; empty: all events).")
        List<String> webhookEvents,
        @JsonProperty("is_enabled") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Whether the only endpoint is enabled (same condition).")
        Boolean isEnabled) {

    /** The page, with the original's one-webhook fields when {@code only} says its single doc is "the" webhook. */
    static EndpointList of(CursorPage<EndpointResponse> page, boolean only) {
        if (!only || page.docs().size() != 1 || page.hasNextPage()) {
            return new EndpointList(page.docs(), page.limit(), page.hasNextPage(), page.nextCursor(), null, null, null, null);
        }
        EndpointResponse e = page.docs().getFirst();
        return new EndpointList(page.docs(), page.limit(), false, page.nextCursor(), e.legacyId(), e.webhookUrl(),
                e.webhookEvents(), e.isEnabled());
    }
}
