package dev.keybridge.frontdoor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.connection.ApplicationViews;
import dev.keybridge.tenancy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser SDK's application listing (session token: its linked account). The SDK knows two ways to
 * connect, chosen by {@code auth_type}: {@code "oauth2"} opens {@code integrate}'s {@code auth_url} in a popup and
 * polls, anything else posts the key fields to {@code save}. So here {@code auth_type} says which of the two
 * the app takes: {@code "keybased"} when {@code save} accepts it (its connector names the fields the page
 * collects, {@code auth_input_map}), else {@code "oauth2"}: hosted Link in the popup, for OAuth2 and for login +
 * MFA apps alike. The app's true family is {@code auth_family}, and the server API
 * ({@code /api/v2/public/application}, {@code /api/v2/public/catalog}) keeps it as {@code auth_type}.
 */
@RestController
class FrontendApplicationController {

    /** The popup path's word (the SDK compares {@code auth_type === "oauth2"}). */
    static final String POPUP = "oauth2";
    /** The key-form path's word. */
    static final String KEY_FORM = "keybased";

    /** The §3 application object as the browser SDK reads it. */
    @Schema(name = "BrowserApplication")
    @JsonPropertyOrder({"name", "description", "icon", "type", "slug", "auth_type", "auth_family", "connected",
            "reauth_required", "auth_input_map"})
    record BrowserApplication(String name, String description, String icon, String type, String slug,
                              @JsonProperty("auth_type") @Schema(allowableValues = {POPUP, KEY_FORM},
                                      description = "How the browser SDK connects it: 'keybased' posts the "
                                              + "auth_input_map fields to save, 'oauth2' opens hosted Link in a popup "
                                              + "(OAuth2 and login + MFA apps).")
                              String authType,
                              @JsonProperty("auth_family") @Schema(description = "The app's own family (oauth2, "
                                      + "keybased, credentials, or an operator's), as the server API shows it.")
                              String authFamily,
                              boolean connected,
                              @JsonProperty("reauth_required") boolean reauthRequired,
                              @JsonProperty("auth_input_map") List<AppDefinition.InputField> authInputMap) {

        static BrowserApplication of(ApplicationViews.Application a) {
            return new BrowserApplication(a.name(), a.description(), a.icon(), a.type(), a.slug(),
                    a.authInputMap().isEmpty() ? POPUP : KEY_FORM, a.authType(), a.connected(), a.reauthRequired(),
                    a.authInputMap());
        }
    }

    private final ApplicationViews views;

    FrontendApplicationController(ApplicationViews views) {
        this.views = views;
    }

    @Operation(summary = "List apps for the browser SDK",
            description = "Session token: the apps enabled in the environment, as the browser SDK reads them (`auth_type` "
                    + "says how it connects: `oauth2` opens hosted Link, `keybased` posts key fields to `save`; the "
                    + "app's family is `auth_family`).")
    @GetMapping("/api/v2/f-sdk/application")
    List<BrowserApplication> list(@AuthenticationPrincipal Caller caller) {
        return views.list(caller, caller.linkedAccountId()).stream().map(BrowserApplication::of).toList();
    }

    @Operation(summary = "Get an app for the browser SDK",
            description = "Session token: one app enabled in the environment, in the browser SDK's shape (see the list).")
    @GetMapping("/api/v2/f-sdk/application/{slug}")
    BrowserApplication one(@AuthenticationPrincipal Caller caller, @PathVariable String slug) {
        return BrowserApplication.of(views.one(caller, slug, caller.linkedAccountId()));
    }
}
