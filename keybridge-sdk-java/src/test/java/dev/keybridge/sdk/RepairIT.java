package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.ReconnectLink;
import dev.keybridge.sdk.model.RepairInbox;
import dev.keybridge.sdk.param.ReconnectLinkParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The repair inbox and reconnect links through the SDK against a real server. */
class RepairIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final Keybridge keybridge = server.client(server.newOrganization());

    @Test
    void doesListABrokenConnectionAndMakeAReconnectLinkForIt() {
        String token = keybridge.sandbox().createPublicToken("repair-sdk", "sandbox-ehr", "user_good").publicToken();
        String accessToken = keybridge.linkTokens().exchange(token).token();
        keybridge.sandbox().resetLogin(accessToken, "password_expired");

        RepairInbox inbox = keybridge.repair().inbox("login_required", null, 10, null);

        assertThat(inbox.docs()).singleElement().satisfies(item -> {
            assertThat(item.linkedAccountId()).isEqualTo("repair-sdk");
            assertThat(item.reason()).isEqualTo("password_expired");
        });
        assertThat(inbox.counts()).containsEntry("login_required", 1L);
        String connection = inbox.docs().get(0).connectionId();

        ReconnectLink link = keybridge.repair().createLink(ReconnectLinkParams.forAccount("repair-sdk", "sandbox-ehr")
                .expiresIn(Duration.ofHours(2)).language("de").build());

        assertThat(link.url()).contains("/link?token=lt_test_");
        assertThat(link.state()).isEqualTo("created");
        assertThat(link.connectionId()).isEqualTo(connection);
        assertThat(Duration.between(link.createdAt(), link.expiresAt())).isBetween(Duration.ofMinutes(119),
                Duration.ofMinutes(121));
        assertThat(keybridge.repair().retrieveLink(link.id()).url()).isNull();
        assertThat(keybridge.repair().links(connection)).extracting(ReconnectLink::id).containsExactly(link.id());
        assertThatThrownBy(() -> keybridge.repair().createLink(ReconnectLinkParams.forConnection(connection)
                .expiresIn(Duration.ofDays(8)).build())).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> keybridge.repair().retrieveLink("rl_nope")).isInstanceOf(NotFoundException.class);
    }
}
