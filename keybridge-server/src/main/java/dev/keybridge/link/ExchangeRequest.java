package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** {@code POST /link/token/exchange}: the public token Link gave the end user's browser. */
@Schema(name = "PublicTokenExchange")
public record ExchangeRequest(
        @JsonProperty("public_token") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200,
                example = "pt_…")
        String publicToken) implements JsonRequest {

    @Override
    public String toString() {
        return "ExchangeRequest[publicToken=<secret>]";
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ExchangeRequest from(JsonNode body) {
        return new ExchangeRequest(JsonFields.body(body, "public_token").requiredString("public_token", 200));
    }
}
