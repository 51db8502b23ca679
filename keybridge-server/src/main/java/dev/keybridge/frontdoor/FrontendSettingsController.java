package dev.keybridge.frontdoor;

import dev.keybridge.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET|PUT /api/v2/public/frontend/settings}: the environment's front-end origin allow-list. */
@RestController
class FrontendSettingsController {

    private final FrontendOrigins origins;

    FrontendSettingsController(FrontendOrigins origins) {
        this.origins = origins;
    }

    @Operation(summary = "Get the front-end origins",
            description = "Server credentials: the origins the browser SDK may call from in this environment (empty: any "
                    + "origin).")
    @GetMapping("/api/v2/public/frontend/settings")
    FrontdoorResponses.OriginSettings get(@AuthenticationPrincipal Caller caller) {
        return view(caller, origins.get(caller.orgId(), caller.environment()));
    }

    /** Body: {@code allowed_origins} (list of {@code https://host[:port]}; empty for any origin). */
    @Operation(summary = "Set the front-end origins",
            description = "Server credentials: replaces the allow-list of origins (`https://host[:port]`; empty for any "
                    + "origin).")
    @PutMapping("/api/v2/public/frontend/settings")
    FrontdoorResponses.OriginSettings put(@AuthenticationPrincipal Caller caller,
                                          @RequestBody FrontendSettingsRequest body) {
        return view(caller, origins.put(caller.orgId(), caller.environment(), new ArrayList<>(body.allowedOrigins())));
    }

    private static FrontdoorResponses.OriginSettings view(Caller caller, List<String> allowed) {
        return new FrontdoorResponses.OriginSettings(caller.environment().wire(), allowed);
    }
}
