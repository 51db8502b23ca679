package dev.keybridge.frontdoor;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v2/app/{slug}/save}: the key-based app's fields (its {@code auth_input_map} names),
 * each a string; which names are allowed depends on the app, so they are checked once it is known.
 */
@Schema(name = "KeyFields", types = {"object"}, additionalPropertiesSchema = String.class,
        description = "The app's auth_input_map fields, by name. Secret.")
public record KeyFieldsRequest(@Schema(hidden = true) JsonNode fields) implements JsonRequest {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static KeyFieldsRequest from(JsonNode body) {
        return new KeyFieldsRequest(JsonFields.checkedText(body)); // the names are checked against the app
    }

    @Override
    public String toString() {
        return "KeyFieldsRequest[<secret>]";
    }
}
