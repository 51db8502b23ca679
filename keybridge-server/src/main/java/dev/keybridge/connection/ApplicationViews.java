package dev.keybridge.connection;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The §3 application objects: the apps enabled in the caller's environment (only the token's apps for a
 * scoped session token), each with {@code connected}/{@code reauth_required} for one linked account.
 * {@code auth_type} is the app's true family here; the browser SDK's listing ({@code frontdoor}) presents it
 * in the SDK's two words.
 */
@Component
public class ApplicationViews {

    /** The §3 application object. */
    @Schema(name = "Application")
    public record Application(String name, String description, String icon, String type, String slug,
                              @JsonProperty("auth_type") String authType, boolean connected,
                              @JsonProperty("reauth_required") boolean reauthRequired,
                              @JsonProperty("auth_input_map") List<AppDefinition.InputField> authInputMap) {}

    private final AppSettings apps;
    private final AppConnectors connectors;
    private final Connections connections;
    private final AccountService accounts;

    ApplicationViews(AppSettings apps, AppConnectors connectors, Connections connections, AccountService accounts) {
        this.apps = apps;
        this.connectors = connectors;
        this.connections = connections;
        this.accounts = accounts;
    }

    /** Every enabled app the caller may see, for {@code linkedAccountId} (none: nobody is connected). */
    public List<Application> list(Caller caller, String linkedAccountId) {
        List<Connection> of = connectionsOf(caller, linkedAccountId);
        return apps.enabled(caller.orgId(), caller.environment()).stream().filter(a -> caller.allowsApp(a.slug()))
                .map(a -> view(a, of)).toList();
    }

    /** One enabled app (404 otherwise), for {@code linkedAccountId}. */
    public Application one(Caller caller, String slug, String linkedAccountId) {
        return view(apps.require(caller.orgId(), caller.environment(), slug), connectionsOf(caller, linkedAccountId));
    }

    /** The {@code linked_account_id} header of a server call, held to the one id rule; null when not sent. */
    public String headerId(String header) {
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
