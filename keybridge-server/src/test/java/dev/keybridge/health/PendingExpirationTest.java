package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.keybridge.connection.ExpiryWarnings;
import dev.keybridge.support.Api;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.Receiver;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, item 1: warnings before a connection breaks. A refresh token with a documented lifetime (the
 * catalogue's, against mock-oauth2-server) or one the token answer states (a countdown), and the sandbox EHR's
 * expiring password, each produce exactly one {@code connection.pending_expiration} with the clock moved, and
 * update mode renews the connection with the same access token and only the input it needs.
 */
class PendingExpirationTest extends HealthIntegrationTest {

    @Autowired
    private ExpiryWarnings warnings;

    private TestOrganization org;
    private Api server;
    private LinkDriver browser;
    private Receiver receiver;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
        receiver = new Receiver();
        hook(server, receiver, "connection.pending_expiration");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        FAKE.refreshTokenDeadline = null;
        clock.reset();
    }

    @Test
    void doesWarnOnceSixDaysBeforeADocumentedRefreshTokenExpiryAndRenewItInUpdateModeWithTheSameAccessToken() {
        enable(server, "mock-oauth-lapsing");
        Instant linkedAt = clock.instant();
        String accessToken = consent(LinkTokens.forUser("lapsing").app("mock-oauth-lapsing").create(server));
        JsonNode expiration = expiration(accessToken);
        assertThat(Instant.parse(expiration.get("expires_at").asString())).isCloseTo(linkedAt.plus(Duration.ofDays(30)),
                within(1, ChronoUnit.MINUTES));
        assertThat(expiration.get("reason").asString()).isEqualTo("refresh_token_expiring");
        assertThat(expiration.get("pending").asBoolean()).isFalse();
        warnings.warn();
        assertThat(warned("connection.pending_expiration")).as("30 days out, outside the 7-day lead").isZero();

        clock.advance(Duration.ofDays(24));   // six days left
        warnings.warn();
        warnings.warn();

        assertThat(warned("connection.pending_expiration")).isEqualTo(1);
        assertThat(expiration(accessToken).get("pending").asBoolean()).isTrue();
        assertThat(expiration(accessToken).get("warned_at").isNull()).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> events(receiver, "connection.pending_expiration").size() == 1);
        JsonNode data = events(receiver, "connection.pending_expiration").getFirst().get("data");
        assertThat(data.get("linked_account_id").asString()).isEqualTo("lapsing");
        assertThat(data.get("app").asString()).isEqualTo("mock-oauth-lapsing");
        assertThat(data.get("reason").asString()).isEqualTo("refresh_token_expiring");
        assertThat(data.get("expires_at").asString()).isEqualTo(expiration.get("expires_at").asString());

        // Update mode: a new consent, a new refresh token, a new horizon; the access token stays.
        Instant renewedAt = clock.instant();
        String again = consent(LinkTokens.update(accessToken).create(server));

        assertThat(again).isEqualTo(accessToken);
        JsonNode renewed = expiration(accessToken);
        assertThat(Instant.parse(renewed.get("expires_at").asString())).isCloseTo(renewedAt.plus(Duration.ofDays(30)),
                within(1, ChronoUnit.MINUTES));
        assertThat(renewed.get("pending").asBoolean()).isFalse();
        assertThat(renewed.get("warned_at").isNull()).isTrue();
        assertThat(proxy(server, accessToken, "GET", "userinfo", null).status()).isEqualTo(200);
        warnings.warn();
        assertThat(warned("connection.pending_expiration")).isEqualTo(1);
    }

    @Test
    void doesWarnOnceForACountdownTheTokenAnswerStatesWhenRefreshesRepeatIt() {
        enable(server, "fake-oauth");
        String accessToken = connect(org, Environment.TEST, "countdown", "fake-oauth", FAKE.grant(),
                clock.instant().minusSeconds(1));
        Instant deadline = clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        FAKE.refreshTokenDeadline = deadline;
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);   // refreshes first
        assertThat(Instant.parse(expiration(accessToken).get("expires_at").asString())).isCloseTo(deadline,
                within(2, ChronoUnit.SECONDS));

        clock.advance(Duration.ofDays(25));
        warnings.warn();
        FAKE.expireAccess(upstreamToken(accessToken));
        assertThat(proxy(server, accessToken, "GET", "me", null).status()).isEqualTo(200);   // the countdown, again
        warnings.warn();

        assertThat(warned("connection.pending_expiration")).isEqualTo(1);
        assertThat(expiration(accessToken).get("pending").asBoolean()).isTrue();
    }

    @Test
    void doesWarnOfTheSandboxEhrsExpiringPasswordOnceAndAskOnlyForANewPasswordInUpdateMode() {
        Receiver alias = new Receiver();
        Receiver everything = new Receiver();
        try {
            hook(server, alias, "access_token.password_change_warning");
            assertThat(server.post("/api/v2/public/webhook", Map.of("webhook_url", everything.url())).status())
                    .isEqualTo(201);
            String accessToken = linkEhr("expiring-user");
            JsonNode expiration = expiration(accessToken);
            assertThat(expiration.get("reason").asString()).isEqualTo("password_expiring");
            assertThat(expiration.get("pending").asBoolean()).as("five days out, inside the 7-day lead").isTrue();

            warnings.warn();
            clock.advance(Duration.ofDays(3));
            warnings.warn();

            assertThat(warned("connection.pending_expiration")).isEqualTo(1);
            assertThat(warned("access_token.password_change_warning")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> events(alias, "access_token.password_change_warning").size() == 1
                    && events(everything, "connection.pending_expiration").size() == 1);
            assertThat(events(alias, "connection.pending_expiration")).isEmpty();
            assertThat(events(everything, "access_token.password_change_warning"))
                    .as("the alias goes only to endpoints that name it").isEmpty();

            // Update mode asks for the new password only: the username is shown and fixed.
            browser = new LinkDriver(api.base());
            LinkDriver.Page step = browser.open(LinkTokens.update(accessToken).create(server));
            assertThat(step.step()).as(step.html()).isEqualTo("challenge");
            assertThat(step.html()).contains("Choose a new password").contains("user_password_expiring");
            assertThat(step.hasField("password")).isTrue();
            Instant renewedAt = clock.instant();
            LinkDriver.Page done = browser.submit(Map.of("password", "pass_good"));
            assertThat(done.step()).as(done.html()).isEqualTo("succeeded");

            assertThat(LinkTokens.exchange(server, done.publicToken())).isEqualTo(accessToken);
            JsonNode renewed = expiration(accessToken);
            assertThat(Instant.parse(renewed.get("expires_at").asString())).isCloseTo(renewedAt.plus(Duration.ofDays(90)),
                    within(1, ChronoUnit.MINUTES));
            assertThat(renewed.get("pending").asBoolean()).isFalse();
            warnings.warn();
            assertThat(warned("connection.pending_expiration")).isEqualTo(1);
        } finally {
            alias.close();
            everything.close();
        }
    }

    @Test
    void doesSetTheLeadTimePerEnvironmentAndRefuseBadOnesWithoutChangingIt() {
        assertThat(server.get("/api/v2/public/connections/settings").json().get("expiry_warning_lead_days").asInt())
                .isEqualTo(7);
        for (Object bad : List.of(0, 91, -1, "7", 7.5, true)) {
            Api.Response r = server.put("/api/v2/public/connections/settings", Map.of("expiry_warning_lead_days", bad));
            assertThat(r.status()).as("%s: %s", bad, r.text()).isEqualTo(400);
            assertThat(r.json().get("message").asString()).contains("expiry_warning_lead_days");
        }
        assertThat(server.put("/api/v2/public/connections/settings", Map.of()).status()).isEqualTo(400);
        assertThat(server.put("/api/v2/public/connections/settings", Map.of("expiry_warning_lead_days", 3, "other", 1))
                .status()).isEqualTo(400);
        assertThat(server.get("/api/v2/public/connections/settings").json().get("expiry_warning_lead_days").asInt())
                .isEqualTo(7);

        Api.Response set = server.put("/api/v2/public/connections/settings", Map.of("expiry_warning_lead_days", 3));

        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(set.json().get("expiry_warning_lead_days").asInt()).isEqualTo(3);
        assertThat(server.get("/api/v2/public/connections/settings").json().get("expiry_warning_lead_days").asInt())
                .isEqualTo(3);
        Api production = org.production().withKey(api);
        assertThat(production.get("/api/v2/public/connections/settings").json().get("expiry_warning_lead_days").asInt())
                .as("production keeps its own").isEqualTo(7);
        // Three days' lead: the sandbox EHR's five-day password is not pending yet; two days later it is.
        String accessToken = linkEhr("short-lead");
        warnings.warn();
        assertThat(expiration(accessToken).get("pending").asBoolean()).isFalse();
        assertThat(warned("connection.pending_expiration")).isZero();
        clock.advance(Duration.ofDays(2));
        warnings.warn();
        assertThat(warned("connection.pending_expiration")).isEqualTo(1);
    }

    @Test
    void doesKnowTheExpiringPasswordOfABrowserlessSandboxConnectionToo() {
        Api.Response pt = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "browserless",
                "app", "sandbox-ehr", "options", Map.of("username", "user_password_expiring")));
        assertThat(pt.status()).as(pt.text()).isEqualTo(200);
        String accessToken = LinkTokens.exchange(server, pt.json().get("public_token").asString());

        assertThat(expiration(accessToken).get("reason").asString()).isEqualTo("password_expiring");
        warnings.warn();
        assertThat(warned("connection.pending_expiration")).isEqualTo(1);
    }

    /** Links the sandbox EHR's expiring-password account and returns the access token. */
    private String linkEhr(String user) {
        LinkDriver driver = new LinkDriver(api.base());
        driver.open(LinkTokens.forUser(user).app("sandbox-ehr").create(server));
        LinkDriver.Page done = driver.submit(Map.of("username", "user_password_expiring", "password", "pass_good"));
        assertThat(done.step()).as(done.html()).isEqualTo("succeeded");
        return LinkTokens.exchange(server, done.publicToken());
    }

    private String consent(String linkToken) {
        return consent(browser, server, linkToken);
    }

    private JsonNode expiration(String accessToken) {
        JsonNode e = expiration(server, accessToken);
        assertThat(e.isObject()).as("expiration of %s", accessToken).isTrue();
        return e;
    }

    private int warned(String type) {
        return warned(org, type);
    }

    private String upstreamToken(String accessToken) {
        return connections.credentials(connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow())
                .get("access_token");
    }
}
