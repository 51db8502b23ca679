package dev.keybridge.connection;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import org.springframework.stereotype.Component;

/**
 * Finds the connection a server call is about, inside the caller's organization and environment: by
 * its access token, or by the linked account's id and the app's slug (the newest such connection
 * that is not disconnected).
 */
@Component
public class ConnectionLookup {

    private final Connections connections;
    private final AccountService accounts;

    public ConnectionLookup(Connections connections, AccountService accounts) {
        this.connections = connections;
        this.accounts = accounts;
    }

    public Connection byAccessToken(Caller caller, String accessToken) {
        return connections.findByAccessToken(caller.orgId(), caller.environment(), accessToken.strip())
                .filter(c -> c.status() != Connection.Status.DISCONNECTED)
                .orElseThrow(() -> new Errors.NotFound("invalid_access_token",
                        "No connection in this environment has that access token."));
    }

    public Connection byAccount(Caller caller, String linkedAccountId, String slug) {
        LinkedAccount account = accounts.get(caller, linkedAccountId.strip());
        return connections.forAccount(caller.orgId(), caller.environment(), account.id()).stream()
                .filter(c -> c.appSlug().equals(slug.strip()) && c.status() != Connection.Status.DISCONNECTED)
                .findFirst()
                .orElseThrow(() -> new Errors.NotFound("connection_not_found",
                        "Linked account '" + linkedAccountId.strip() + "' has no connection to '" + slug.strip() + "'."));
    }

    /** From the proxy's headers: {@code access_token}, or {@code linked_account_id} and {@code slug}. */
    public Connection fromHeaders(Caller caller, String accessToken, String linkedAccountId, String slug) {
        if (accessToken != null && !accessToken.isBlank()) {
            return byAccessToken(caller, accessToken);
        }
        if (linkedAccountId != null && !linkedAccountId.isBlank() && slug != null && !slug.isBlank()) {
            return byAccount(caller, linkedAccountId, slug);
        }
        throw Errors.invalid("Send an 'access_token' header, or 'linked_account_id' and 'slug' headers.");
    }
}
