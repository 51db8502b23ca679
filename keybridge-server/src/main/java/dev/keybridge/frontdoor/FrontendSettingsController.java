package dev.keybridge.frontdoor;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import dev.keybridge.web.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code GET|PUT /api/v2/public/frontend/settings}: the environment's front-end origin allow-list. */
@RestController
class FrontendSettingsController {

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]{1,253}(:\\d{1,5})?");
    private static final int MAX_ORIGINS = 100;

    private final FrontendOrigins origins;

    FrontendSettingsController(FrontendOrigins origins) {
        this.origins = origins;
    }

    @GetMapping("/api/v2/public/frontend/settings")
    Map<String, Object> get(@AuthenticationPrincipal Caller caller) {
        return view(caller, origins.get(caller.orgId(), caller.environment()));
    }

    /** Body: {@code allowed_origins} (list of {@code https://host[:port]}; empty for any origin). */
    @PutMapping("/api/v2/public/frontend/settings")
    Map<String, Object> put(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        JsonNode list = JsonFields.of(body, "allowed_origins").raw("allowed_origins");
        if (list == null || !list.isArray() || list.size() > MAX_ORIGINS) {
            throw Errors.invalid("'allowed_origins' is required: an array of at most " + MAX_ORIGINS
                    + " origins such as https://app.example.com (empty for any origin).");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode item : list) {
            if (!item.isString() || !ORIGIN.matcher(item.asString()).matches()) {
                throw Errors.invalid("'allowed_origins' holds " + (item.isString() ? "'" + item.asString() + "'" : "a non-string")
                        + ", which is not an origin like https://app.example.com (scheme, host, optional port; no path).");
            }
            out.add(item.asString().toLowerCase(java.util.Locale.ROOT));
        }
        return view(caller, origins.put(caller.orgId(), caller.environment(), new ArrayList<>(out)));
    }

    private static Map<String, Object> view(Caller caller, List<String> allowed) {
        return Map.of("environment", caller.environment().wire(), "allowed_origins", allowed);
    }
}
