package dev.keybridge.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The status view of a connection read a moment before it is erased (the OpenAPI fuzzer's race). */
class ConnectionStatusQueriesTest extends IntegrationTest {

    @Autowired
    private Connections connections;

    @Autowired
    private ConnectionStatusQueries statuses;

    @Test
    void doesFindNoStatusInsteadOfFailingWhenTheConnectionWasErasedAfterItWasRead() {
        TestOrganization org = newOrganization();
        Api server = org.test().withKey(api);
        Api.Response created = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "race-1",
                "app", "sandbox-keys"));
        LinkTokens.exchange(server, created.json().get("public_token").asString());
        String accountRow = jdbc.sql("select id from linked_account where org_id = ? and external_id = 'race-1'")
                .param(org.id()).query(String.class).single();
        Connection read = connections.forAccount(org.id(), Environment.TEST, accountRow).getFirst();
        assertThat(statuses.status(read)).as("while it exists").isPresent();

        assertThat(server.delete("/api/v2/public/linked-account/race-1").status()).isEqualTo(200);

        assertThat(statuses.status(read)).isEmpty();
    }
}
