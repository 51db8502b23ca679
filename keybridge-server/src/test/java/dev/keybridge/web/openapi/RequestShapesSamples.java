package dev.keybridge.web.openapi;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The records {@link RequestShapesTest} resolves. */
final class RequestShapesSamples {

    private RequestShapesSamples() {}

    @Schema(name = "ShapeSample")
    record Sample(@Size(max = 10) @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name, String note,
                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean on) implements JsonRequest {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Sample from(JsonNode body) {
            JsonFields f = JsonFields.body(body, Sample.class);
            return new Sample(f.requiredString("name"), f.optionalString("note"), true);
        }
    }

    @Schema(name = "ShapeAnswer")
    record Answer(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name) {}
}
