package dev.keybridge.dashboard.accounts;

import dev.keybridge.account.LinkedAccount;
import dev.keybridge.connection.ConnectionStatus;
import dev.keybridge.connection.Connections;
import dev.keybridge.tenancy.Caller;
import java.util.List;
import org.springframework.stereotype.Component;

/** The connections of an account as its detail page shows them (status, reason, transitions). */
@Component
class AccountDetail {

    private final Connections connections;

    AccountDetail(Connections connections) {
        this.connections = connections;
    }

    List<ConnectionStatus> connections(Caller caller, LinkedAccount account) {
        return connections.forAccount(caller.orgId(), caller.environment(), account.id()).stream()
                .map(connections::status).toList();
    }
}
