package dev.keybridge.session;

import static dev.keybridge.web.MaxLengthSetting.Limit.ID;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import dev.keybridge.web.MaxLengthSetting;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v2/public/session-token/revoke}: either {@code token} or {@code linked_account_id}. */
@Schema(name = "SessionTokenRevoke", description = "Send exactly one of the two fields.")
public record RevokeRequest(
        @Size(max = 8192) @Schema(description = "Revokes this one token.") String token,
        @JsonProperty("linked_account_id") @MaxLengthSetting(ID) @Schema(description = "Revokes every token of this linked account issued so far.")
        String linkedAccountId) implements JsonRequest {

    @Override
    public String toString() {
        return "RevokeRequest[token=" + (token == null ? "null" : "<secret>") + ", linkedAccountId=" + linkedAccountId + "]";
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RevokeRequest from(JsonNode body, @JacksonInject KeybridgeSettings.Limits limits) {
        JsonFields f = JsonFields.body(body, RevokeRequest.class, limits);
        String token = f.optionalString("token");
        String id = f.optionalString("linked_account_id");
        if ((token == null) == (id == null)) {
            throw Errors.invalid("Send either 'token' (one token) or 'linked_account_id' (all of its tokens).");
        }
        return new RevokeRequest(token, id == null ? null : Ids.chosen("linked_account_id", id, limits.maxIdLength()));
    }
}
