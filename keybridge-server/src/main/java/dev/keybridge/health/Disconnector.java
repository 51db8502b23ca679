package dev.keybridge.health;

import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disconnects a connection: revokes the grant at the provider where the catalog says how, then in one
 * transaction erases the stored credentials, moves it to {@code disconnected} and emits
 * {@code connection.deleted}. The access token stops working at once; the row stays as history.
 */
@Component
public class Disconnector {

    public record Result(boolean disconnected, boolean revoked) {}

    private final Connections connections;
    private final ConnectionHealth health;
    private final ProviderRevocation revocation;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    Disconnector(Connections connections, ConnectionHealth health, ProviderRevocation revocation, JdbcClient jdbc,
                 TransactionTemplate tx) {
        this.connections = connections;
        this.health = health;
        this.revocation = revocation;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public Result disconnect(Connection c) {
        Map<String, String> credentials = connections.credentials(c);
        boolean revoked = revocation.revoke(c, credentials);
        Boolean done = tx.execute(s -> {
            boolean moved = health.disconnected(c, "deleted");
            if (moved) {
                jdbc.sql("update connection set credential_ciphertext = null, credential_version = credential_version + 1, "
                                + "refreshable = false, lease_owner = null, lease_until = null, next_refresh_at = null where id = ?")
                        .param(c.id()).update();
            }
            return moved;
        });
        return new Result(Boolean.TRUE.equals(done), revoked);
    }
}
