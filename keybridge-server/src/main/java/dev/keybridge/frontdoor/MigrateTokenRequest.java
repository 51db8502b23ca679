package dev.keybridge.frontdoor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Ids;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/v2/public/migrate-token}: {@code {linked_account_id, slug, auth_object}}. The app is
 * looked up before {@code auth_object} is checked ({@link CredentialImport}), as it always was.
 */
@Schema(name = "MigrateToken")
public record MigrateTokenRequest(
        @JsonProperty("linked_account_id") @Size(max = MigrateTokenRequest.MAX_ID) @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        String linkedAccountId,
        @Size(max = 100) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String slug,
        @JsonProperty("auth_object") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = {"object"},
                description = "The credentials to import (OAuth2 tokens, key fields or a login; at most 50 fields). Secret.")
        JsonNode authObject) implements JsonRequest {

    static final int MAX_ID = 255;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MigrateTokenRequest from(JsonNode body) {
        JsonFields f = JsonFields.body(body, MigrateTokenRequest.class);
        String id = Ids.chosen("linked_account_id", f.requiredString("linked_account_id"), MAX_ID);
        return new MigrateTokenRequest(id, f.requiredString("slug"), f.raw("auth_object"));
    }

    @Override
    public String toString() {
        return "MigrateTokenRequest[linkedAccountId=" + linkedAccountId + ", slug=" + slug + ", authObject=<secret>]";
    }
}
