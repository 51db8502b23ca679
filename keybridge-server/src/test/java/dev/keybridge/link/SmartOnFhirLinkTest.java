package dev.keybridge.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import dev.keybridge.support.Api;
import dev.keybridge.support.EmbeddingBrowser;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import dev.keybridge.support.SimulatedEhr;
import dev.keybridge.support.TestOrganization;
import dev.keybridge.tenancy.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code smart_on_fhir} family end to end over real HTTP (issue 19, item 3) against a simulated EHR: HAPI FHIR's
 * RestfulServer with an in-memory Patient behind a SMART authorization stub ({@link SimulatedEhr}). The end user
 * enters the FHIR base URL; Keybridge discovers the endpoints, runs the standalone launch (PKCE S256,
 * {@code aud=<base>}), keeps the launch context, proxies to that base URL, refreshes at the discovered token
 * endpoint, and update mode repairs a connection whose refresh was refused, with the same access token.
 */
class SmartOnFhirLinkTest extends IntegrationTest {

    private static final SimulatedEhr EHR = new SimulatedEhr("keybridge-smart-client", "smart-secret");
    private static final String APP = "smart-test-ehr";

    @Autowired
    private Connections connections;

    private TestOrganization org;
    private Api server;
    private LinkDriver browser;

    @DynamicPropertySource
    static void catalog(DynamicPropertyRegistry registry) {
        try {
            Path file = Files.createTempFile("keybridge-smart-catalog-", ".yaml");
            Files.writeString(file, """
                    apps:
                      - slug: %s
                        name: Loopback EHR
                        description: A simulated EHR (HAPI FHIR) through SMART on FHIR
                        auth_type: smart_on_fhir
                        oauth2:
                          scopes: [patient/*.read]
                          token_auth_method: client_secret_basic
                        smart:
                          base_url_pattern: "http://127\\\\.0\\\\.0\\\\.1:[0-9]+/fhir"
                          base_url_example: "http://127.0.0.1:8080/fhir"
                        api_base_url: "{fhir_base_url}"
                        inject: {headers: {Authorization: "Bearer {access_token}", Accept: application/fhir+json}}
                        auth_failure: {status_codes: [401]}
                    """.formatted(APP));
            registry.add("keybridge.catalog-file", file::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopEhr() {
        EHR.close();
    }

    @BeforeEach
    void setUp() {
        org = newOrganization();
        server = org.test().withKey(api);
        browser = new LinkDriver(api.base());
        Api.Response enabled = server.put("/api/v2/public/application/" + APP + "/settings",
                Map.of("enabled", true, "client_id", "keybridge-smart-client", "client_secret", "smart-secret"));
        assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
    }

    @AfterEach
    void tearDown() {
        EHR.refuseRefresh = false;
        clock.reset();
    }

    /** The base URL form → the EHR's authorize page (checked there) → back to Link; the page after the callback. */
    private LinkDriver.Page launch(LinkDriver.Page form, String baseUrl) {
        assertThat(form.step()).as(form.html()).isEqualTo("form");
        assertThat(form.hasField("fhir_base_url")).isTrue();
        LinkDriver.Page out = browser.submit(Map.of("fhir_base_url", baseUrl));
        assertThat(out.status()).as(out.html()).isEqualTo(302);
        Map<String, String> asked = SimulatedEhr.params(out.location());
        assertThat(asked.get("aud")).isEqualTo(EHR.baseUrl());
        assertThat(asked.get("code_challenge_method")).isEqualTo("S256");
        assertThat(List.of(asked.get("scope").split(" ")))
                .contains("launch/patient", "openid", "fhirUser", "offline_access", "patient/*.read");
        LinkDriver.Page ehr = browser.get(out.location());
        assertThat(ehr.status()).as(ehr.html()).isEqualTo(302);
        return browser.follow(ehr);
    }

    private Api.Response proxy(String accessToken, String path) {
        return server.withHeader("access_token", accessToken).get("/v1/proxy/" + path);
    }

    private Map<String, String> credentials(String accessToken) {
        Connection c = connections.findByAccessToken(org.id(), Environment.TEST, accessToken).orElseThrow();
        return connections.credentials(c);
    }

    @Test
    void doesLinkProxyRefreshAndRepairWhenTheEndUserEntersTheirEhrsFhirBaseUrl() {
        LinkDriver.Page done = launch(browser.open(LinkTokens.forUser("smart-patient").app(APP).create(server)),
                EHR.baseUrl() + "/");
        assertThat(done.step()).as(done.html()).isEqualTo("succeeded");
        String accessToken = LinkTokens.exchange(server, done.publicToken());

        // The launch context and where the EHR is are kept with the connection.
        Map<String, String> stored = credentials(accessToken);
        assertThat(stored).containsEntry("patient", SimulatedEhr.PATIENT_ID)
                .containsEntry("encounter", SimulatedEhr.ENCOUNTER_ID)
                .containsEntry("fhir_base_url", EHR.baseUrl())
                .containsEntry("smart_token_endpoint", EHR.tokenEndpoint());

        // The proxy reaches the FHIR server with the EHR's bearer token.
        Api.Response patient = proxy(accessToken, "Patient/" + SimulatedEhr.PATIENT_ID);
        assertThat(patient.status()).as(patient.text()).isEqualTo(200);
        assertThat(patient.json().get("resourceType").asString()).isEqualTo("Patient");
        assertThat(patient.json().get("id").asString()).isEqualTo(SimulatedEhr.PATIENT_ID);
        assertThat(EHR.bearersSeen.getLast()).isEqualTo(stored.get("access_token"));
        assertThat(proxy(accessToken, "Patient/someone-else").status()).isEqualTo(404);

        // Past the access token's hour, a proxied call refreshes at the discovered token endpoint first.
        int refreshes = EHR.refreshGrants.get();
        clock.advance(Duration.ofHours(2));
        Api.Response again = proxy(accessToken, "Patient/" + SimulatedEhr.PATIENT_ID);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(EHR.refreshGrants.get()).isGreaterThan(refreshes);
        Map<String, String> refreshed = credentials(accessToken);
        assertThat(refreshed.get("access_token")).isNotEqualTo(stored.get("access_token"));
        assertThat(EHR.bearersSeen.getLast()).isEqualTo(refreshed.get("access_token"));
        assertThat(refreshed).as("the launch context outlives a refresh").containsEntry("patient", SimulatedEhr.PATIENT_ID)
                .containsEntry("fhir_base_url", EHR.baseUrl());

        // The patient revoked the app at the portal: the refresh is refused, the connection needs a login.
        EHR.refuseRefresh = true;
        clock.advance(Duration.ofHours(2));
        Api.Response refused = proxy(accessToken, "Patient/" + SimulatedEhr.PATIENT_ID);
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.json().get("status_reason").asString()).isEqualTo("refresh_failed");
        assertThat(server.withHeader("access_token", accessToken).get("/v1/connection").json().get("status").asString())
                .isEqualTo("login_required");

        // Update mode: the same form with the connection's base URL filled in, a new consent, the same access token.
        EHR.refuseRefresh = false;
        browser = new LinkDriver(api.base());
        LinkDriver.Page form = browser.open(LinkTokens.update(accessToken).create(server));
        assertThat(form.html()).contains("value=\"" + EHR.baseUrl() + "\"");
        int grants = EHR.codeGrants.get();
        LinkDriver.Page repaired = launch(form, EHR.baseUrl());
        assertThat(repaired.step()).as(repaired.html()).isEqualTo("succeeded");
        assertThat(EHR.codeGrants.get()).isEqualTo(grants + 1);
        assertThat(LinkTokens.exchange(server, repaired.publicToken())).isEqualTo(accessToken);
        Api.Response works = proxy(accessToken, "Patient/" + SimulatedEhr.PATIENT_ID);
        assertThat(works.status()).as(works.text()).isEqualTo(200);
        assertThat(server.withHeader("access_token", accessToken).get("/v1/connection").json().get("status").asString())
                .isEqualTo("active");
    }

    @Test
    void doesShowTheFormAgainWhenTheBaseUrlIsNotOneKeybridgeMayUse() {
        LinkDriver.Page form = browser.open(LinkTokens.forUser("smart-typo").app(APP).create(server));
        assertThat(form.step()).isEqualTo("form");

        LinkDriver.Page plain = browser.submit(Map.of("fhir_base_url", "http://fhir.example.com/r4"));
        assertThat(plain.step()).isEqualTo("form");
        assertThat(plain.error()).contains("https://");

        LinkDriver.Page elsewhere = browser.submit(Map.of("fhir_base_url", "https://fhir.example.com/r4"));
        assertThat(elsewhere.step()).isEqualTo("form");
        assertThat(elsewhere.error()).contains("not one of Loopback EHR's FHIR servers");

        String noSmart = EHR.tokenEndpoint().replace("/oauth2/token", "/fhir");   // a server without the document
        LinkDriver.Page undiscovered = browser.submit(Map.of("fhir_base_url", noSmart));
        assertThat(undiscovered.step()).isEqualTo("form");
        assertThat(undiscovered.error()).contains("does not offer SMART on FHIR sign-in (HTTP 404)");
        assertThat(jdbc.sql("select count(*) from connection where org_id = ?").param(org.id()).query(Integer.class)
                .single()).isZero();
    }

    /**
     * The bar, once in real Chromium: a page on another origin opens Link in a popup with link.js, the end
     * user pastes the FHIR base URL, the browser goes through the EHR's authorize endpoint and back, and the page's
     * onSuccess gets the public token; the connection then reads the Patient through the proxy.
     */
    @Test
    void doesLinkInChromiumWhenTheEndUserPastesTheFhirBaseUrlInTheLinkPopup() {
        String linkToken = LinkTokens.forUser("chromium-patient").app(APP).create(server);
        try (EmbeddingBrowser chromium = new EmbeddingBrowser()) {
            Page page = chromium.newPage();
            page.navigate(chromium.serve("""
                    <!DOCTYPE html><html><head><meta charset="utf-8"><title>Acme Health</title>
                    <script src="%s/link.js"></script></head>
                    <body><button id="connect">Connect your health record</button><output id="out"></output>
                    <script>
                      const link = KeybridgeLink.create({
                        token: "%s", display: "popup",
                        onSuccess: (publicToken) => { document.getElementById("out").textContent = publicToken; },
                        onExit: (error) => { document.getElementById("out").textContent = "exit:" + JSON.stringify(error); }
                      });
                      document.getElementById("connect").addEventListener("click", () => link.open());
                    </script></body></html>
                    """.formatted(api.base(), linkToken)));

            Page popup = page.waitForPopup(() -> page.click("#connect"));
            popup.locator("#intro-continue").click();
            PlaywrightAssertions.assertThat(popup.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("Connect your Loopback EHR health record"))).isVisible();
            popup.locator("#f-fhir_base_url").fill(EHR.baseUrl());
            popup.locator("#f-fhir_base_url").press("Enter");

            PlaywrightAssertions.assertThat(page.locator("#out")).hasText(Pattern.compile("pt_test_\\w+"));
            String accessToken = LinkTokens.exchange(server, page.locator("#out").textContent());
            assertThat(credentials(accessToken)).containsEntry("patient", SimulatedEhr.PATIENT_ID)
                    .containsEntry("fhir_base_url", EHR.baseUrl());
            Api.Response patient = proxy(accessToken, "Patient/" + SimulatedEhr.PATIENT_ID);
            assertThat(patient.status()).as(patient.text()).isEqualTo(200);
            assertThat(patient.json().get("name").get(0).get("family").asString()).isEqualTo("Chalmers");
        }
    }
}
