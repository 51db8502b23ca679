package dev.keybridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.catalog.AppDefinition;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key's expiry as providers state it: a header or a JSON field, in the forms they use. */
class KeyExpiryTest {

    private static final Instant AT = Instant.parse("2026-12-12T17:00:00Z");

    @Test
    void doesReadTheFormsProvidersUseWhenTheyStateAnExpiry() {
        assertThat(KeyExpiry.parse("2026-12-12T17:00:00Z")).isEqualTo(AT);
        assertThat(KeyExpiry.parse("2026-12-12T18:00:00+01:00")).isEqualTo(AT);
        assertThat(KeyExpiry.parse("2026-12-12 17:00:00 UTC")).isEqualTo(AT);
        assertThat(KeyExpiry.parse("2026-12-12 09:00:00 -0800")).isEqualTo(AT);
        assertThat(KeyExpiry.parse(String.valueOf(AT.getEpochSecond()))).isEqualTo(AT);
        assertThat(KeyExpiry.parse("2026-12-12")).isEqualTo(Instant.parse("2026-12-12T00:00:00Z"));
    }

    @Test
    void doesKnowNothingWhenTheValueIsMissingOrNotATime() {
        assertThat(KeyExpiry.parse(null)).isNull();
        assertThat(KeyExpiry.parse(" ")).isNull();
        assertThat(KeyExpiry.parse("never")).isNull();
        assertThat(KeyExpiry.parse("12")).isNull();
    }

    @Test
    void doesReadTheHeaderOrTheJsonFieldTheCatalogueNames() {
        HttpHeaders headers = HttpHeaders.of(Map.of("github-authentication-token-expiration",
                List.of("2026-12-12 17:00:00 UTC")), (k, v) -> true);
        AppDefinition.Verification byHeader = new AppDefinition.Verification("GET", "/user", List.of(200),
                new AppDefinition.ExpiresAt("GitHub-Authentication-Token-Expiration", null));
        AppDefinition.Verification byJson = new AppDefinition.Verification("GET", "/self", List.of(200),
                new AppDefinition.ExpiresAt(null, "/token/expires_at"));
        HttpHeaders none = HttpHeaders.of(Map.of(), (k, v) -> true);

        assertThat(KeyExpiry.read(byHeader, headers, null)).isEqualTo(new Expiry(AT, Expiry.KEY));
        assertThat(KeyExpiry.read(byJson, none, "{\"token\":{\"expires_at\":\"2026-12-12T17:00:00Z\"}}"))
                .isEqualTo(new Expiry(AT, Expiry.KEY));
        assertThat(KeyExpiry.read(byJson, none, "{\"token\":{\"expires_at\":null}}")).isNull();
        assertThat(KeyExpiry.read(byJson, none, "not json")).isNull();
        assertThat(KeyExpiry.read(new AppDefinition.Verification("GET", "/me", null, null), headers, "{}")).isNull();
    }
}
