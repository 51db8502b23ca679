package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.connection.ConnectionChecker;
import dev.keybridge.support.Api;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.tenancy.Secrets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An upstream auth failure on a connection that cannot refresh: the app's connector checks the stored
 * credential (for a key-based app, its verification call) before the connection is failed.
 */
class ConnectorCheckTest extends HealthIntegrationTest {

    private Api server;
    private TestOrganization org;

    @Autowired
    private ConnectionChecker checker;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    private String linkSandboxKeys() {
        Api.Response created = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", "check-1", "app", "sandbox-keys"));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return LinkTokens.exchange(server, created.json().get("public_token").asString());
    }

    private String status(String accessToken) {
        return server.withHeader("access_token", accessToken).get("/v1/connection").json().get("status").asString();
    }

    @Test
    void doesPassARefusalThroughAndStayActiveWhenTheStoredKeyStillChecksOut() {
        String accessToken = linkSandboxKeys();

        Api.Response refused = proxy(server, accessToken, "GET", "admin", null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("insufficient_permissions");
        assertThat(status(accessToken)).isEqualTo("active");
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);
    }

    @Test
    void doesRequireLoginWhenTheStoredKeyNoLongerChecksOut() {
        String accessToken = linkSandboxKeys();
        breakKey(accessToken);

        Api.Response refused = proxy(server, accessToken, "GET", "admin", null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("login_required");
        assertThat(refused.json().get("status_reason").asString()).isEqualTo("invalid_credentials");
        assertThat(status(accessToken)).isEqualTo("login_required");
    }

    @Test
    void doesFailABrokenKeyOnTheScheduleBeforeAnyCallIsMade() {
        String good = linkSandboxKeys();
        String broken = linkAnotherSandboxKeys("check-2");
        breakKey(broken);

        checkEverythingDue();
        assertThat(status(broken)).as("not due before the interval").isEqualTo("active");

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        Instant movedTo = clock.instant();
        checkEverythingDue();

        assertThat(status(broken)).isEqualTo("login_required");
        assertThat(server.withHeader("access_token", broken).get("/v1/connection").json().get("status_reason").asString())
                .isEqualTo("invalid_credentials");
        assertThat(status(good)).isEqualTo("active");
        Instant checked = jdbc.sql("select last_checked_at from connection where access_token_hash = ?")
                .param(Secrets.hash(good)).query(Timestamp.class).single().toInstant();
        assertThat(checked).as("checked again at the moved clock's time").isAfterOrEqualTo(movedTo);
    }

    /** Runs checks until nothing is due (every test's connections are due once the clock moved a day). */
    private void checkEverythingDue() {
        for (int i = 0; i < 200 && checker.checkDue() > 0; i++) {
            // next batch
        }
    }

    private String linkAnotherSandboxKeys(String account) {
        Api.Response created = server.post("/sandbox/public_token/create",
                Map.of("linked_account_id", account, "app", "sandbox-keys"));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return LinkTokens.exchange(server, created.json().get("public_token").asString());
    }

    private void breakKey(String accessToken) {
        var c = connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow();
        tx.executeWithoutResult(s -> connections.replaceCredentials(c, c.credentialVersion(), Map.of("api_key", "key_revoked"), null));
    }
}
