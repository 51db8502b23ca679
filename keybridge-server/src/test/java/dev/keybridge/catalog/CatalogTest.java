package dev.keybridge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {

    @Test
    void doesShipTheSandboxAppsAndAtLeastTwoHundredFiftyRealAppsWhenLoadedFromTheJar() {
        Catalog catalog = new Catalog((Path) null);

        assertThat(catalog.find("sandbox-oauth")).isPresent();
        assertThat(catalog.find("sandbox-keys").orElseThrow().authType()).isEqualTo(AppDefinition.AuthType.KEYBASED);
        assertThat(catalog.find("sandbox-ehr").orElseThrow().connectorName()).isEqualTo("sandbox-ehr");
        assertThat(catalog.all().stream().filter(a -> !a.sandbox()).count()).isGreaterThanOrEqualTo(250);
        for (Category c : Category.values()) {
            assertThat(catalog.all().stream().filter(a -> a.categoryList().contains(c)).count()).as(c.wire())
                    .isGreaterThanOrEqualTo(c == Category.SANDBOX ? 3 : 5);
        }
        for (String slug : List.of("google", "microsoft", "slack", "github", "hubspot", "salesforce", "notion", "zoom",
                "dropbox", "atlassian", "linear", "airtable", "shopify", "quickbooks", "xero", "zendesk", "intercom",
                "pipedrive", "asana", "stripe", "sendgrid", "twilio", "openai", "epic-fhir")) {
            assertThat(catalog.find(slug)).as(slug).isPresent();
        }
        AppDefinition google = catalog.find("google").orElseThrow();
        assertThat(google.oauth2().tokenUrl()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(google.oauth2().pkce()).isTrue();
    }

    @Test
    void doesAddAndReplaceAppsWhenTheOperatorFileNamesThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("apps.yaml");
        Files.writeString(file, """
                apps:
                  - slug: github
                    name: GitHub Enterprise
                    auth_type: oauth2
                    oauth2: {authorize_url: "https://ghe.example.com/login/oauth/authorize", token_url: "https://ghe.example.com/login/oauth/access_token"}
                  - slug: in-house-crm
                    name: In-house CRM
                    auth_type: keybased
                    auth_input_map: [{name: api_key, type: password, required: true, label: Key}]
                """);

        Catalog catalog = new Catalog(file);

        assertThat(catalog.find("github").orElseThrow().name()).isEqualTo("GitHub Enterprise");
        assertThat(catalog.find("in-house-crm")).isPresent();
        assertThat(catalog.find("google")).isPresent();
    }

    @Test
    void doesRefuseToStartWhenTheOperatorFileHasAnUnknownField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("apps.yaml");
        Files.writeString(file, "apps:\n  - slug: x\n    name: X\n    auth_type: keybased\n    colour: red\n");

        assertThatThrownBy(() -> new Catalog(file)).hasMessageContaining("not valid");
    }

    @Test
    void doesDetectTheAppWhenTheUserTypesALoginAddressAnEmailOrAName() {
        Catalog catalog = new Catalog((Path) null);

        assertThat(Catalog.detect(catalog.all(), "https://login.sandbox-ehr.example/signin").getFirst().slug())
                .isEqualTo("sandbox-ehr");
        assertThat(Catalog.detect(catalog.all(), "ann@mycompany.zendesk.com").getFirst().slug()).isEqualTo("zendesk");
        assertThat(Catalog.detect(catalog.all(), "mychart").stream().limit(2).map(AppDefinition::slug))
                .as("Epic's sandbox app and the SMART on FHIR entry for any Epic health system")
                .containsExactlyInAnyOrder("epic-fhir", "epic-mychart");
        assertThat(Catalog.detect(catalog.all(), "")).isEmpty();
    }
}
