package dev.keybridge.connection;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.Errors;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applications (wire-formats §3): the apps enabled in the caller's environment, with
 * {@code connected}/{@code reauth_required} for one linked account (the {@code linked_account_id}
 * header for server callers, the session token's account for the browser SDK); and the
 * per-environment app settings (enable, OAuth client).
 */
@RestController
class ApplicationController {

    /** The §3 application object. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "Application")
    record Application(String name, String description, String icon, String type, String slug,
                       @JsonProperty("auth_type") String authType, boolean connected,
                       @JsonProperty("reauth_required") boolean reauthRequired,
                       @JsonProperty("auth_input_map") List<AppDefinition.InputField> authInputMap) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "ApplicationSettings")
    record SettingView(String slug, boolean enabled, @JsonProperty("client_id") String clientId,
                       @JsonProperty("client_secret_set") boolean clientSecretSet) {}

    private final AppSettings apps;
    private final AppConnectors connectors;
    private final Connections connections;
    private final AccountService accounts;

    ApplicationController(AppSettings apps, AppConnectors connectors, Connections connections, AccountService accounts) {
        this.apps = apps;
        this.connectors = connectors;
        this.connections = connections;
        this.accounts = accounts;
    }

    @GetMapping("/api/v2/public/application")
    List<Application> list(@AuthenticationPrincipal Caller caller,
                           @RequestHeader(name = "linked_account_id", required = false) String linkedAccountId) {
        return list(caller, connectionsOf(caller, named(linkedAccountId)));
    }

    @GetMapping("/api/v2/public/application/{slug}")
    Application one(@AuthenticationPrincipal Caller caller, @PathVariable String slug,
                    @RequestHeader(name = "linked_account_id", required = false) String linkedAccountId) {
        return view(apps.require(caller.orgId(), caller.environment(), slug), connectionsOf(caller, named(linkedAccountId)));
    }

    @GetMapping("/api/v2/f-sdk/application")
    List<Application> listForSession(@AuthenticationPrincipal Caller caller) {
        return list(caller, connectionsOf(caller, caller.linkedAccountId()));
    }

    @GetMapping("/api/v2/f-sdk/application/{slug}")
    Application oneForSession(@AuthenticationPrincipal Caller caller, @PathVariable String slug) {
        return view(apps.require(caller.orgId(), caller.environment(), slug), connectionsOf(caller, caller.linkedAccountId()));
    }

    @GetMapping("/api/v2/public/application/{slug}/settings")
    SettingView settings(@AuthenticationPrincipal Caller caller, @PathVariable String slug) {
        AppDefinition app = apps.available(caller.environment(), slug);
        boolean defaultOn = app.sandbox();
        return apps.setting(caller.orgId(), caller.environment(), slug)
                .map(s -> new SettingView(s.slug(), s.enabled(), s.clientId(), s.clientSecretSet()))
                .orElse(new SettingView(slug, defaultOn, null, false));
    }

    /** Body: {@code enabled} (boolean), optional {@code client_id}, {@code client_secret} ("" removes). */
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

    private List<Application> list(Caller caller, List<Connection> of) {
        return apps.enabled(caller.orgId(), caller.environment()).stream().filter(a -> caller.allowsApp(a.slug()))
                .map(a -> view(a, of)).toList();
    }

    /** The {@code linked_account_id} header of a server call, held to the one id rule; null when not sent. */
    private String named(String header) {
        return header == null || header.isBlank() ? null : accounts.checkedHeaderId("linked_account_id", header.strip());
    }

    private List<Connection> connectionsOf(Caller caller, String linkedAccountId) {
        if (linkedAccountId == null || linkedAccountId.isBlank()) {
            return List.of();
        }
        LinkedAccount account;
        try {
            account = accounts.get(caller, linkedAccountId.strip());
        } catch (ApiException e) {
            return List.of();
        }
        return connections.forAccount(caller.orgId(), caller.environment(), account.id());
    }

    private Application view(AppDefinition a, List<Connection> of) {
        boolean active = false;
        boolean failing = false;
        for (Connection c : of) {
            if (c.appSlug().equals(a.slug())) {
                active |= c.status() == Connection.Status.ACTIVE;
                failing |= c.status() == Connection.Status.LOGIN_REQUIRED;
            }
        }
        return new Application(a.name(), a.description(), a.icon(), a.slug(), a.slug(), a.authTypeName(),
                active || failing, failing && !active, connectors.find(a).map(c -> c.inputMap(a)).orElse(List.of()));
    }
}
