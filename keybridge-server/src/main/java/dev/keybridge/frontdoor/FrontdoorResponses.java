package dev.keybridge.frontdoor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.events.EventData;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answers of the front door's calls (browser SDK and credential import). */
final class FrontdoorResponses {

    private FrontdoorResponses() {}

    /** {@code POST /api/v2/app/{slug}/save}. */
    @Schema(name = "KeyFieldsSaved")
    @JsonPropertyOrder({"success", "connection_id", "created"})
    public record Saved(boolean success, @JsonProperty("connection_id") String connectionId,
                        @Schema(description = "False when an existing connection's keys were replaced.") boolean created) {}

    /** {@code GET /api/v1/{slug}/integrate}. */
    @Schema(name = "Integrate")
    @JsonPropertyOrder({"auth_url", "mode", "expiration"})
    public record Integrate(@JsonProperty("auth_url") @Schema(description = "Hosted Link at the app; open it in a window.")
                            String authUrl,
                            @Schema(allowableValues = {"create", "update"}) String mode,
                            String expiration) {
        @Override
        public String toString() {
            return "Integrate[mode=" + mode + ", authUrl=<holds a link token>]";
        }
    }

    /** {@code DELETE /api/v1/linked-acc/integration/{slug}}. */
    @Schema(name = "Disconnected")
    @JsonPropertyOrder({"success", "slug", "connection_id", "connection_ids", "status", "revoked_at_provider"})
    public record Disconnected(boolean success, String slug,
                               @JsonProperty("connection_id") @Schema(description = "The newest of them.")
                               String connectionId,
                               @JsonProperty("connection_ids") @Schema(description = "Every connection this call "
                                       + "disconnected: all the account's live connections to the app, newest first.")
                               List<String> connectionIds,
                               @Schema(allowableValues = "disconnected") String status,
                               @JsonProperty("revoked_at_provider")
                               @Schema(description = "True when every one was revoked at the provider.")
                               boolean revokedAtProvider) {}

    /** {@code PUT /api/v2/public/migrate-token}: the new connection and its access token. */
    @Schema(name = "MigratedToken")
    @JsonPropertyOrder({"success", "connection", "access_token"})
    public record Imported(boolean success, EventData.Connection connection,
                           @JsonProperty("access_token") String accessToken) {
        @Override
        public String toString() {
            return "Imported[connection=" + connection + ", accessToken=<secret>]";
        }
    }

    /** {@code GET|PUT /api/v2/public/frontend/settings}. */
    @Schema(name = "FrontendSettings")
    @JsonPropertyOrder({"environment", "allowed_origins"})
    public record OriginSettings(String environment,
                                 @JsonProperty("allowed_origins") @Schema(description = "Empty: any origin.")
                                 List<String> allowedOrigins) {}
}
