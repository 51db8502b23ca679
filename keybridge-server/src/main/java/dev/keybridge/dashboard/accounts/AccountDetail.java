package dev.keybridge.dashboard.accounts;

import dev.keybridge.account.LinkedAccount;
import dev.keybridge.connection.ConnectionStatus;
import dev.keybridge.connection.ConnectionStatusQueries;
import dev.keybridge.connection.Connections;
import dev.keybridge.tenancy.Caller;
import java.util.List;
import org.springframework.stereotype.Component;

/** The connections of an account as its detail page shows them (status, reason, transitions). */
@Component
class AccountDetail {

    private final Connections connections;
    private final ConnectionStatusQueries statuses;

    AccountDetail(Connections connections, ConnectionStatusQueries statuses) {
        this.connections = connections;
        this.statuses = statuses;
    }

    List<ConnectionStatus> connections(Caller caller, LinkedAccount account) {
        return connections.forAccount(caller.orgId(), caller.environment(), account.id()).stream()
                .flatMap(c -> statuses.status(c).stream()).toList();
    }
}
