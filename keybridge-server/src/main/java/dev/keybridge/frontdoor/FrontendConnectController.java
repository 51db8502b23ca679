package dev.keybridge.frontdoor;

import dev.keybridge.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The browser SDK's connect/disconnect calls (session token; {@link FrontendConnect} does the work). */
@RestController
class FrontendConnectController {

    private final FrontendConnect connect;

    FrontendConnectController(FrontendConnect connect) {
        this.connect = connect;
    }

    @GetMapping("/api/v1/{slug}/integrate")
    @Operation(summary = "An auth_url opening hosted Link at the app",
            description = "Any query parameters are the connection's fields (a subdomain, a region), each `name=value`: "
                    + "at most 20, named with letters, digits, '_', '.' or '-', values up to 500 characters.")
    FrontdoorResponses.Integrate integrate(@AuthenticationPrincipal Caller caller, @PathVariable String slug,
                                  @RequestParam(required = false) Map<String, String> params) {
        return connect.integrate(caller, slug, params);
    }

    @Operation(summary = "Save key fields for an app",
            description = "Browser SDK (session token): connects the token's linked account to a key-based app with the "
                    + "fields the page collected (`auth_input_map`).")
    @PostMapping("/api/v2/app/{slug}/save")
    FrontdoorResponses.Saved save(@AuthenticationPrincipal Caller caller, @PathVariable String slug,
                                  @RequestBody KeyFieldsRequest body) {
        return connect.save(caller, slug, body.fields());
    }

    @Operation(summary = "Disconnect an app",
            description = "Browser SDK (session token): disconnects the token's linked account from the app, revoking at "
                    + "the provider where it can.")
    @DeleteMapping("/api/v1/linked-acc/integration/{slug}")
    FrontdoorResponses.Disconnected disconnect(@AuthenticationPrincipal Caller caller, @PathVariable String slug) {
        return connect.disconnect(caller, slug);
    }
}
