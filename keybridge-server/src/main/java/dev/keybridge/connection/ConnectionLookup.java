package dev.keybridge.connection;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.cache.ShortLived;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Errors;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finds the connection a server call is about, inside the caller's organization and environment: by
 * its access token, or by the linked account's id and the app's slug (the newest such connection
 * that is not disconnected).
 */
@Component
public class ConnectionLookup {

    /** A proxied call's connection, by (org, environment, access token hash). */
    private record Key(String orgId, Environment environment, ByteBuffer tokenHash) {}

    private final Connections connections;
    private final AccountService accounts;
    private final ShortLived<Key, Connection> hot;

    public ConnectionLookup(Connections connections, AccountService accounts, KeybridgeSettings settings,
                            Clock clock) {
        this.connections = connections;
        this.accounts = accounts;
        this.hot = new ShortLived<>(settings.cacheTtl(), 50_000, connections::localChanges, clock);
    }

    /**
     * For the proxy's hot path: as {@link #byAccessToken}, from a per-node cache of at most
     * {@code KEYBRIDGE_CACHE_TTL} (a change on another node is seen within it; this node's own changes at once).
     */
    public Connection forProxy(Caller caller, String accessToken) {
        String token = accessToken.strip();
        Key key = new Key(caller.orgId(), caller.environment(), ByteBuffer.wrap(Secrets.hash(token)));
        return hot.get(key, () -> connections.findByAccessToken(caller.orgId(), caller.environment(), token))
                .filter(c -> c.status() != Connection.Status.DISCONNECTED)
                .orElseThrow(() -> new Errors.NotFound("invalid_access_token",
                        "No connection in this environment has that access token."));
    }

    public Connection byAccessToken(Caller caller, String accessToken) {
        return connections.findByAccessToken(caller.orgId(), caller.environment(), accessToken.strip())
                .filter(c -> c.status() != Connection.Status.DISCONNECTED)
                .orElseThrow(() -> new Errors.NotFound("invalid_access_token",
                        "No connection in this environment has that access token."));
    }

    public Connection byAccount(Caller caller, String linkedAccountId, String slug) {
        return allByAccount(caller, linkedAccountId, slug).getFirst();
    }

    /**
     * Every live (not disconnected) connection of the linked account to the app, newest first; 404 when there
     * is none. What the app-level calls ({@code connected}, the browser SDK's disconnect) are about.
     */
    public List<Connection> allByAccount(Caller caller, String linkedAccountId, String slug) {
        LinkedAccount account = accounts.get(caller, linkedAccountId.strip());
        List<Connection> live = connections.forAccount(caller.orgId(), caller.environment(), account.id()).stream()
                .filter(c -> c.appSlug().equals(slug.strip()) && c.status() != Connection.Status.DISCONNECTED)
                .toList();
        if (live.isEmpty()) {
            throw new Errors.NotFound("connection_not_found",
                    "Linked account '" + linkedAccountId.strip() + "' has no connection to '" + slug.strip() + "'.");
        }
        return live;
    }

    /** From the proxy's headers: {@code access_token} (cached, see {@link #forProxy}), or {@code linked_account_id} and {@code slug}. */
    public Connection fromHeaders(Caller caller, String accessToken, String linkedAccountId, String slug) {
        if (accessToken != null && !accessToken.isBlank()) {
            return forProxy(caller, accessToken);
        }
        if (linkedAccountId != null && !linkedAccountId.isBlank() && slug != null && !slug.isBlank()) {
            return byAccount(caller, accounts.checkedHeaderId("linked_account_id", linkedAccountId.strip()), slug);
        }
        throw Errors.invalid("Send an 'access_token' header, or 'linked_account_id' and 'slug' headers.");
    }
}
