package dev.keybridge.session;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v2/public/session-token/revoke}: either {@code token} or {@code linked_account_id}. */
@Schema(name = "SessionTokenRevoke", description = "Send exactly one of the two fields.")
public record RevokeRequest(
        @Schema(description = "Revokes this one token.", maxLength = 8192) String token,
        @JsonProperty("linked_account_id") @Schema(description = "Revokes every token of this linked account issued so far.")
        String linkedAccountId) implements JsonRequest {

    @Override
    public String toString() {
        return "RevokeRequest[token=" + (token == null ? "null" : "<secret>") + ", linkedAccountId=" + linkedAccountId + "]";
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RevokeRequest from(JsonNode body, @JacksonInject KeybridgeSettings.Limits limits) {
        JsonFields f = JsonFields.body(body, "token", "linked_account_id");
        String token = f.optionalString("token", 8192);
        String id = f.optionalString("linked_account_id", limits.maxIdLength());
        if ((token == null) == (id == null)) {
            throw Errors.invalid("Send either 'token' (one token) or 'linked_account_id' (all of its tokens).");
        }
        return new RevokeRequest(token, id == null ? null : Ids.chosen("linked_account_id", id, limits.maxIdLength()));
    }
}
