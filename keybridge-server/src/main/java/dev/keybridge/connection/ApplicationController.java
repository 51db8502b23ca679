package dev.keybridge.connection;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applications for server callers (wire-formats §2): the apps enabled in the caller's environment, with
 * {@code connected}/{@code reauth_required} for the {@code linked_account_id} header's account
 * ({@link ApplicationViews}); and the per-environment app settings (enable, OAuth client). The browser
 * SDK's listing is {@code frontdoor}'s.
 */
@RestController
class ApplicationController {

    @Schema(name = "ApplicationSettings")
    record SettingView(String slug, boolean enabled, @JsonProperty("client_id") @Nullable String clientId,
                       @JsonProperty("client_secret_set") boolean clientSecretSet) {}

    private final AppSettings apps;
    private final AppConnectors connectors;
    private final ApplicationViews views;

    ApplicationController(AppSettings apps, AppConnectors connectors, ApplicationViews views) {
        this.apps = apps;
        this.connectors = connectors;
        this.views = views;
    }

    @Operation(summary = "List enabled apps",
            description = "Server credentials: the apps enabled in the environment; with the `linked_account_id` header, "
                    + "whether that account is connected to each and whether it must reauthenticate.")
    @GetMapping("/api/v2/public/application")
    List<ApplicationViews.Application> list(@AuthenticationPrincipal Caller caller,
                           @RequestHeader(name = "linked_account_id", required = false) String linkedAccountId) {
        return views.list(caller, views.headerId(linkedAccountId));
    }

    @Operation(summary = "Get an enabled app",
            description = "Server credentials: one app enabled in the environment; with the `linked_account_id` header, "
                    + "that account's connection state.")
    @GetMapping("/api/v2/public/application/{slug}")
    ApplicationViews.Application one(@AuthenticationPrincipal Caller caller, @PathVariable String slug,
                    @RequestHeader(name = "linked_account_id", required = false) String linkedAccountId) {
        return views.one(caller, slug, views.headerId(linkedAccountId));
    }

    @Operation(summary = "Get an app's settings",
            description = "Server credentials: whether the app is enabled in this environment and its OAuth client id (the "
                    + "secret only as set or not).")
    @GetMapping("/api/v2/public/application/{slug}/settings")
    SettingView settings(@AuthenticationPrincipal Caller caller, @PathVariable String slug) {
        AppDefinition app = apps.available(caller.environment(), slug);
        boolean defaultOn = app.sandbox();
        return apps.setting(caller.orgId(), caller.environment(), slug)
                .map(s -> new SettingView(s.slug(), s.enabled(), s.clientId(), s.clientSecretSet()))
                .orElse(new SettingView(slug, defaultOn, null, false));
    }

    /** Body: {@code enabled} (boolean), optional {@code client_id}, {@code client_secret} ("" removes). */
    @Operation(summary = "Change an app's settings",
            description = "Server credentials: enables or disables the app in this environment and sets its OAuth client "
                    + "(`client_secret` \"\" removes it).")
    @PutMapping("/api/v2/public/application/{slug}/settings")
    SettingView putSettings(@AuthenticationPrincipal Caller caller, @PathVariable String slug,
                            @RequestBody AppSettingsRequest body) {
        AppDefinition app = apps.available(caller.environment(), slug);
        String clientId = body.clientId();
        String clientSecret = body.clientSecret();
        if ((clientId != null || clientSecret != null) && !connectors.of(app).usesClient()) {
            throw Errors.invalid("'" + slug + "' is not an OAuth2 app: it takes no client_id or client_secret.");
        }
        AppSettings.Setting s = apps.put(caller.orgId(), caller.environment(), slug, body.enabled(), clientId, clientSecret);
        return new SettingView(s.slug(), s.enabled(), s.clientId(), s.clientSecretSet());
    }
}
