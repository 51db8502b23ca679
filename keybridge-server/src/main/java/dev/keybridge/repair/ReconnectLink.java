package dev.keybridge.repair;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A reconnect link as the API shows it; {@code url} only in the answer that made it (it holds the link token). */
@Schema(name = "ReconnectLink")
public record ReconnectLink(
        @Schema(example = "rl_…") String id,
        @JsonProperty("connection_id") String connectionId,
        @Schema(description = "Where it was e-mailed; null: handed out only through this answer.") @Nullable String email,
        @Schema(description = "Link's language for it and its e-mail; null: the browser's.") @Nullable String language,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("sent_at") @Nullable String sentAt,
        @JsonProperty("send_error") @Schema(description = "Why the e-mail was not sent.") @Nullable String sendError,
        @JsonProperty("opened_at") @Nullable String openedAt,
        @Schema(allowableValues = {"created", "sent", "send_failed", "opened", "completed", "expired"}) String state,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The hosted Link address for the end user (a bearer link: hand it only to them). Only in "
                + "the answer that made it; never stored.") @Nullable String url) {

    ReconnectLink withUrl(String url) {
        return new ReconnectLink(id, connectionId, email, language, createdAt, expiresAt, sentAt, sendError, openedAt,
                state, url);
    }

    @Override
    public String toString() {
        return "ReconnectLink[id=" + id + ", connection=" + connectionId + ", state=" + state + "]";
    }
}
