package dev.keybridge.frontdoor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import dev.keybridge.web.JsonRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** {@code PUT /api/v2/public/frontend/settings}: the origins (lower-cased, duplicates removed). */
@Schema(name = "FrontendSettingsUpdate")
public record FrontendSettingsRequest(
        @JsonProperty("allowed_origins") @Size(max = 100) @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Origins such as https://app.example.com (empty for any origin).")
        List<String> allowedOrigins) implements JsonRequest {

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]{1,253}(:\\d{1,5})?");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static FrontendSettingsRequest from(JsonNode body) {
        JsonFields f = JsonFields.body(body, FrontendSettingsRequest.class);
        JsonNode list = f.raw("allowed_origins");
        int max = f.size("allowed_origins").max();
        if (list == null || !list.isArray() || list.size() > max) {
            throw Errors.invalid("'allowed_origins' is required: an array of at most " + max
                    + " origins such as https://app.example.com (empty for any origin).");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode item : list) {
            if (!item.isString() || !ORIGIN.matcher(item.asString()).matches()) {
                throw Errors.invalid("'allowed_origins' holds " + (item.isString() ? "'" + item.asString() + "'" : "a non-string")
                        + ", which is not an origin like https://app.example.com (scheme, host, optional port; no path).");
            }
            out.add(item.asString().toLowerCase(Locale.ROOT));
        }
        return new FrontendSettingsRequest(List.copyOf(new ArrayList<>(out)));
    }
}
