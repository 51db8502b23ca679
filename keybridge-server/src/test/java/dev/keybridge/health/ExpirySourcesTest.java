package dev.keybridge.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.keybridge.connection.ConnectionExpiry;
import dev.keybridge.connection.ExpiryWarnings;
import dev.keybridge.connector.Expiry;
import dev.keybridge.support.Api;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, item 1: the two horizons beyond refresh tokens and passwords. A consent window (the catalogue's
 * {@code consent_lifetime_days}) starts at the end user's consent, wins over a later refresh-token horizon and is
 * never extended by a refresh; a key whose expiry the provider states (the sandbox key {@code key_expiring}, read
 * through {@code verification.expires_at}) is warned of once and renewed in update mode by a new key.
 */
class ExpirySourcesTest extends HealthIntegrationTest {

    @Autowired
    private ExpiryWarnings warnings;
    @Autowired
    private ConnectionExpiry expiry;

    private TestOrganization org;
    private Api server;

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void doesWarnBeforeAConsentWindowEndsAndNotLetARefreshExtendIt() {
        enable(server, "mock-oauth-consent");
        Instant consentedAt = clock.instant();
        String accessToken = consent(new LinkDriver(api.base()), server,
                LinkTokens.forUser("consenting").app("mock-oauth-consent").create(server));

        JsonNode expiration = expiration(server, accessToken);
        assertThat(expiration.get("reason").asString()).as("10-day consent before the 30-day refresh token")
                .isEqualTo("consent_expiring");
        Instant window = Instant.parse(expiration.get("expires_at").asString());
        assertThat(window).isCloseTo(consentedAt.plus(Duration.ofDays(10)), within(1, ChronoUnit.MINUTES));

        // A refresh learns of a refresh token good for 30 more days: the consent window still ends first.
        var connection = connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow();
        expiry.record(connection, new Expiry(clock.instant().plus(Duration.ofDays(30)), Expiry.REFRESH_TOKEN), false);
        assertThat(Instant.parse(expiration(server, accessToken).get("expires_at").asString())).isEqualTo(window);

        clock.advance(Duration.ofDays(4));   // six days left, inside the 7-day lead
        warnings.warn();
        warnings.warn();
        assertThat(warned(org, "connection.pending_expiration")).isEqualTo(1);

        // Only a new consent renews it; the access token stays.
        Instant renewedAt = clock.instant();
        assertThat(consent(new LinkDriver(api.base()), server, LinkTokens.update(accessToken).create(server)))
                .isEqualTo(accessToken);
        JsonNode renewed = expiration(server, accessToken);
        assertThat(renewed.get("reason").asString()).isEqualTo("consent_expiring");
        assertThat(Instant.parse(renewed.get("expires_at").asString()))
                .isCloseTo(renewedAt.plus(Duration.ofDays(10)), within(1, ChronoUnit.MINUTES));
        assertThat(renewed.get("pending").asBoolean()).isFalse();
    }

    @Test
    void doesWarnOnceBeforeAKeyTheProviderSaysExpiresAndForgetTheHorizonWhenUpdateModeTakesANewKey() {
        LinkDriver browser = new LinkDriver(api.base());
        browser.open(LinkTokens.forUser("keyholder").app("sandbox-keys").create(server));
        LinkDriver.Page done = browser.submit(Map.of("api_key", "key_expiring"));
        assertThat(done.step()).as(done.html()).isEqualTo("succeeded");
        String accessToken = LinkTokens.exchange(server, done.publicToken());

        JsonNode expiration = expiration(server, accessToken);
        assertThat(expiration.get("reason").asString()).isEqualTo("key_expiring");
        assertThat(Instant.parse(expiration.get("expires_at").asString()))
                .isCloseTo(clock.instant().plus(Duration.ofDays(5)), within(1, ChronoUnit.MINUTES));
        assertThat(expiration.get("pending").asBoolean()).as("five days out, inside the 7-day lead").isTrue();
        warnings.warn();
        clock.advance(Duration.ofDays(2));
        warnings.warn();
        assertThat(warned(org, "connection.pending_expiration")).isEqualTo(1);

        LinkDriver again = new LinkDriver(api.base());
        LinkDriver.Page form = again.open(LinkTokens.update(accessToken).create(server));
        assertThat(form.hasField("api_key")).as(form.html()).isTrue();
        LinkDriver.Page renewed = again.submit(Map.of("api_key", "key_good"));
        assertThat(renewed.step()).as(renewed.html()).isEqualTo("succeeded");

        assertThat(LinkTokens.exchange(server, renewed.publicToken())).isEqualTo(accessToken);
        assertThat(expiration(server, accessToken).isNull()).as("key_good states no expiry").isTrue();
    }

    @Test
    void doesKnowTheKeysExpiryOfABrowserlessSandboxConnectionToo() {
        Api.Response pt = server.post("/sandbox/public_token/create", Map.of("linked_account_id", "browserless-key",
                "app", "sandbox-keys", "options", Map.of("api_key", "key_expiring")));
        assertThat(pt.status()).as(pt.text()).isEqualTo(200);

        String accessToken = LinkTokens.exchange(server, pt.json().get("public_token").asString());

        assertThat(expiration(server, accessToken).get("reason").asString()).isEqualTo("key_expiring");
    }
}
