package dev.keybridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.catalog.AppDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** When a refresh token stops working, read from the token answer or the catalogue (issue 20, item 1). */
class RefreshTokenExpiryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConnectorContext app(Integer lifetimeDays) {
        AppDefinition.OAuth2 oauth = new AppDefinition.OAuth2("https://p.example/authorize", "https://p.example/token",
                null, null, null, true, null, null, true, null, null, lifetimeDays, null, null, null, null, null);
        AppDefinition app = new AppDefinition("p", "P", "", null, AppDefinition.AuthType.OAUTH2, null, oauth,
                "https://p.example/api", null, null, null, null, null, false, null, null, null, null);
        return new ConnectorContext(app, "id", "secret", "https://kb.example/callback", null, Duration.ofSeconds(5), null,
                Clock.fixed(NOW, ZoneOffset.UTC), Map.of());
    }

    private static JsonNode answer(Map<String, Object> fields) {
        return JSON.valueToTree(fields);
    }

    @Test
    void doesReadTheLifetimeTheAnswerStatesWhenItHasOne() {
        Expiry microsoft = RefreshTokenLifetime.expiry(app(null),
                answer(Map.of("refresh_token", "r2", "refresh_token_expires_in", 86_400)), "r1");
        Expiry intuit = RefreshTokenLifetime.expiry(app(30),
                answer(Map.of("refresh_token", "r1", "x_refresh_token_expires_in", "8726400")), "r1");

        assertThat(microsoft).isEqualTo(new Expiry(NOW.plus(Duration.ofDays(1)), Expiry.REFRESH_TOKEN));
        assertThat(intuit).as("the answer's countdown, even for the same refresh token")
                .isEqualTo(new Expiry(NOW.plus(Duration.ofDays(101)), Expiry.REFRESH_TOKEN));
    }

    @Test
    void doesCountTheCatalogueLifetimeFromANewlyIssuedRefreshTokenOnly() {
        assertThat(RefreshTokenLifetime.expiry(app(60), answer(Map.of("refresh_token", "r2")), "r1"))
                .isEqualTo(new Expiry(NOW.plus(Duration.ofDays(60)), Expiry.REFRESH_TOKEN));
        assertThat(RefreshTokenLifetime.expiry(app(60), answer(Map.of("refresh_token", "r1")), "r1"))
                .as("a non-rotating provider answering the same token: the stored horizon stays").isNull();
        assertThat(RefreshTokenLifetime.expiry(app(60),
                answer(Map.of("refresh_token", "r2", "refresh_token_expires_in", "soon")), "r1"))
                .as("a lifetime that is not a number is ignored").isEqualTo(new Expiry(NOW.plus(Duration.ofDays(60)),
                        Expiry.REFRESH_TOKEN));
    }

    @Test
    void doesKnowNothingWhenNoRefreshTokenOrLifetimeIsThere() {
        assertThat(RefreshTokenLifetime.expiry(app(60), answer(Map.of("access_token", "a")), null)).isNull();
        assertThat(RefreshTokenLifetime.expiry(app(null), answer(Map.of("refresh_token", "r2")), null)).isNull();
    }
}
