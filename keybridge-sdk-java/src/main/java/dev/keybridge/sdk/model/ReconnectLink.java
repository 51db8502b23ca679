package dev.keybridge.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A reconnect link: update-mode Link for one connection, with its own lifetime.
 *
 * @param id           {@code rl_…}
 * @param connectionId the connection it repairs
 * @param email        where it was e-mailed, or null
 * @param language     Link's and the e-mail's language, or null
 * @param createdAt    when it was made
 * @param expiresAt    when it stops working
 * @param sentAt       when the e-mail went out, or null
 * @param sendError    why the e-mail did not go out, or null
 * @param openedAt     when the end user opened it, or null
 * @param state        {@code created}, {@code sent}, {@code send_failed}, {@code opened}, {@code completed} or
 *                     {@code expired}
 * @param url          the hosted Link address, only in the answer that made it (a bearer link: hand it only to the
 *                     end user); null otherwise
 */
public record ReconnectLink(String id, @JsonProperty("connection_id") String connectionId, String email, String language,
                            @JsonProperty("created_at") Instant createdAt, @JsonProperty("expires_at") Instant expiresAt,
                            @JsonProperty("sent_at") Instant sentAt, @JsonProperty("send_error") String sendError,
                            @JsonProperty("opened_at") Instant openedAt, String state, String url) {

    @Override
    public String toString() {
        return "ReconnectLink[id=" + id + ", connection=" + connectionId + ", state=" + state + "]";
    }
}
