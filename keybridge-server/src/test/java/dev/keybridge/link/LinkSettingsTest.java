package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.TestOrganization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The per-environment Link branding and the link token's language, over real HTTP. */
class LinkSettingsTest extends IntegrationTest {

    private static final String LOGO = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR4nGNgYAAAAAMAASsJTYQAAAAASUVORK5CYII=";

    @Test
    void doesKeepTheBrandingAndTheOldFieldsWorkingWhenSettingsArePut() {
        Api server = newOrganization().test().withKey(api);
        Api.Response put = server.put("/api/v2/public/link/settings", Map.of("redirect_uris", List.of("https://app.example/back"),
                "display_name", "Acme Health", "logo", LOGO, "accent_color", "#0F766E", "theme", "dark"));
        assertThat(put.status()).as(put.text()).isEqualTo(200);

        Api.Response onlyOld = server.put("/api/v2/public/link/settings", Map.of("allowed_origins", List.of("https://app.example")));

        JsonNode s = onlyOld.json();
        assertThat(s.get("redirect_uris")).as("PUT replaces the lists, as before").isEmpty();
        assertThat(s.get("allowed_origins").get(0).asString()).isEqualTo("https://app.example");
        assertThat(s.get("display_name").asString()).as("absent branding fields are kept").isEqualTo("Acme Health");
        assertThat(s.get("logo").asString()).isEqualTo(LOGO);
        assertThat(s.get("accent_color").asString()).isEqualTo("#0f766e");
        assertThat(s.get("theme").asString()).isEqualTo("dark");
        Map<String, Object> clear = new HashMap<>();
        clear.put("display_name", null);
        assertThat(server.put("/api/v2/public/link/settings", clear).json().get("display_name").isNull()).isTrue();
    }

    @Test
    void doesRefuseBadBrandingWithA400AndWriteNothing() {
        Api server = newOrganization().test().withKey(api);
        server.put("/api/v2/public/link/settings", Map.of("display_name", "Before", "redirect_uris", List.of("https://a.example/x")));

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("accent_color", "red"),
                Map.of("theme", "neon"), Map.of("logo", "https://cdn.example/logo.png"),
                Map.of("logo", "data:image/png;base64,%%%"), Map.of("display_name", " "),
                Map.of("display_name", "x".repeat(61)),
                Map.of("logo", "data:image/png;base64," + "A".repeat(40_000)))) {
            Map<String, Object> body = new HashMap<>(bad);
            body.put("redirect_uris", List.of());
            Api.Response r = server.put("/api/v2/public/link/settings", body);
            assertThat(r.status()).as(bad + " → " + r.text()).isEqualTo(400);
            assertThat(r.json().get("error").asString()).isEqualTo("invalid_request");
        }
        JsonNode s = server.get("/api/v2/public/link/settings").json();
        assertThat(s.get("display_name").asString()).isEqualTo("Before");
        assertThat(s.get("redirect_uris").get(0).asString()).as("nothing written").isEqualTo("https://a.example/x");
    }

    @Test
    void doesShowOneEnvironmentsBrandingOnlyInItsOwnLinks() {
        TestOrganization org = newOrganization();
        Api test = org.test().withKey(api);
        test.put("/api/v2/public/link/settings", Map.of("display_name", "Acme Test Brand"));
        TestOrganization other = newOrganization();

        LinkDriver.Page own = new LinkDriver(api.base()).open(LinkTokens.forUser("u").create(test));
        LinkDriver.Page production = new LinkDriver(api.base()).open(LinkTokens.forUser("u").create(org.production().withKey(api)));
        LinkDriver.Page otherOrg = new LinkDriver(api.base()).open(LinkTokens.forUser("u").create(other.test().withKey(api)));

        assertThat(own.html()).contains("Acme Test Brand uses Keybridge");
        assertThat(production.html()).doesNotContain("Acme Test Brand");
        assertThat(otherOrg.html()).doesNotContain("Acme Test Brand");
        assertThat(org.production().withKey(api).get("/api/v2/public/link/settings").json().get("display_name").isNull()).isTrue();
    }

    @Test
    void doesSpeakTheLinkTokensLanguageAndRefuseOnesItDoesNotSpeak() {
        Api server = newOrganization().test().withKey(api);
        Map<String, Object> body = LinkTokens.forUser("u").body();
        body.put("language", "de");
        String token = server.post("/link/token/create", body).json().get("token").asString();

        LinkDriver.Page page = new LinkDriver(api.base()).open(token);

        assertThat(page.html()).contains("lang=\"de\"", "Wählen Sie Ihre App");
        body.put("language", "pt");
        Api.Response refused = server.post("/link/token/create", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("en, fr, de, es, ja");
    }
}
