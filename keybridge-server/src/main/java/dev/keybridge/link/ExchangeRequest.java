package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** {@code POST /link/token/exchange}: the public token Link gave the end user's browser. */
@Schema(name = "PublicTokenExchange")
public record ExchangeRequest(
        @JsonProperty("public_token") @Size(max = 200) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "pt_…")
        String publicToken) implements JsonRequest {

    @Override
    public String toString() {
        return "ExchangeRequest[publicToken=<secret>]";
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ExchangeRequest from(JsonNode body) {
        return new ExchangeRequest(JsonFields.body(body, ExchangeRequest.class).requiredString("public_token"));
    }
}
