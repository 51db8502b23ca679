package dev.keybridge.link;

import dev.keybridge.account.AccountService;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.ConnectionEvents;
import dev.keybridge.connection.Connections;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Public tokens ({@code pt_<env>_…}): what a finished Link hands the browser. Short-lived, single use,
 * stored hashed; each carries its connection's access token sealed until the one exchange.
 */
@Service
public class PublicTokens {

    /** A spent public token: its connection, the sealed access token, whether the connection is new. */
    private record Spent(String connectionId, byte[] sealed, boolean newConnection) {}

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Connections connections;
    private final AccountService accounts;
    private final ConnectionEvents connectionEvents;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration ttl;

    PublicTokens(JdbcClient jdbc, Vault vault, Connections connections, AccountService accounts, ConnectionEvents connectionEvents,
                 TransactionTemplate tx, Clock clock, KeybridgeSettings settings) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
        this.vault = vault;
        this.connections = connections;
        this.connectionEvents = connectionEvents;
        this.tx = tx;
        this.ttl = settings.link().publicTokenTtl();
    }

    /** Issues a public token for a connection; run inside the transaction that made the connection. */
    public String issue(Connection c, String accessToken, boolean newConnection) {
        String token = "pt_" + c.environment().prefixTag() + "_" + Ids.random(40);
        byte[] hash = Secrets.hash(token);
        byte[] sealed = vault.encrypt(accessToken.getBytes(StandardCharsets.UTF_8),
                context(c.orgId(), c.environment().wire(), c.id(), hash));
        jdbc.sql("insert into public_token (token_hash, org_id, environment, connection_id, access_token_ciphertext, "
                        + "new_connection, expires_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(hash, c.orgId(), c.environment().wire(), c.id(), sealed, newConnection,
                        Timestamp.from(clock.instant().plus(ttl)))
                .update();
        return token;
    }

    /**
     * Exchanges a public token for its access token, exactly once. Emits {@code connection.created}
     * for a new connection in the same transaction.
     */
    public String exchange(Caller caller, String publicToken) {
        byte[] hash = Secrets.hash(publicToken);
        return tx.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            Spent spent = jdbc.sql("""
                            update public_token p set used_at = ?, access_token_ciphertext = null
                            from (select token_hash, access_token_ciphertext as sealed from public_token
                                  where token_hash = ? and org_id = ? and environment = ? and used_at is null
                                    and expires_at > ? for update) old
                            where p.token_hash = old.token_hash
                            returning p.connection_id, old.sealed, p.new_connection""")
                    .params(now, hash, caller.orgId(), caller.environment().wire(), now)
                    .query((rs, n) -> new Spent(rs.getString(1), rs.getBytes(2), rs.getBoolean(3)))
                    .optional().orElseThrow(() -> refusal(caller, hash));
            Connection c = connections.find(caller.orgId(), caller.environment(), spent.connectionId())
                    .orElseThrow(() -> new Errors.NotFound("connection_not_found", "The connection of this public token was removed."));
            String accessToken = new String(vault.decrypt(spent.sealed(), context(c.orgId(), c.environment().wire(), c.id(),
                    hash)), StandardCharsets.UTF_8);
            if (spent.newConnection()) {
                connectionEvents.created(c, accounts.externalId(c.linkedAccountId()));
            }
            return accessToken;
        });
    }

    private Errors.InvalidRequest refusal(Caller caller, byte[] hash) {
        String why = jdbc.sql("select case when used_at is not null then 'used' when expires_at <= ? then 'expired' "
                        + "else 'other' end from public_token where token_hash = ? and org_id = ? and environment = ?")
                .params(Timestamp.from(clock.instant()), hash, caller.orgId(), caller.environment().wire())
                .query(String.class).optional().orElse("unknown");
        return switch (why) {
            case "used" -> new Errors.InvalidRequest("public_token_used",
                    "This public token has already been exchanged. Each public token can be exchanged once.");
            case "expired" -> new Errors.InvalidRequest("public_token_expired",
                    "This public token has expired. Send the end user through Link again.");
            default -> new Errors.InvalidRequest("invalid_public_token",
                    "This public token is not valid for this organization and environment.");
        };
    }

    private static byte[] context(String orgId, String env, String connectionId, byte[] hash) {
        return Vault.context("public_token.access_token", orgId, env, connectionId, HexFormat.of().formatHex(hash));
    }

    /** For master-key rotation: where these ciphertexts live and how their context is built. */
    @Bean
    static SealedColumn accessTokenColumn() {
        return new SealedColumn("public_token", "access_token_ciphertext", List.of("token_hash"),
                List.of("org_id", "environment", "connection_id"),
                r -> context(r.string("org_id"), r.string("environment"), r.string("connection_id"), r.bytes("token_hash")));
    }

    static Environment environmentOf(String token) {
        for (Environment e : Environment.values()) {
            if (token.startsWith("pt_" + e.prefixTag() + "_")) {
                return e;
            }
        }
        return null;
    }
}
