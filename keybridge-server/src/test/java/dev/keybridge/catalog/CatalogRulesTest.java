package dev.keybridge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in catalogue keeps the rules of {@link CatalogRules}; each rule catches the entry that breaks it. */
class CatalogRulesTest {

    @TempDir
    Path dir;

    private List<String> violations(AppYaml app) {
        return CatalogRules.check(new Catalog(app.writeTo(dir)).find(app.slug()).orElseThrow(), CatalogRules.LOGOS);
    }

    @Test
    void doesFindNothingWrongWhenTheBuiltInCatalogueIsChecked() {
        assertThat(CatalogRules.violations(new Catalog((Path) null).all(), CatalogRules.LOGOS)).isEmpty();
    }

    @Test
    void doesPassAnEntryWhenItHasEverythingARuleAsksFor() {
        assertThat(violations(AppYaml.oauth2("crm").complete())).isEmpty();
        assertThat(violations(AppYaml.keybased("crm").complete())).isEmpty();
    }

    @Test
    void doesFlagAnEntryWhenItsLinksOrCategoryAreMissing() {
        assertThat(violations(AppYaml.oauth2("crm").complete().with("categories", null))).containsExactly("no category");
        assertThat(violations(AppYaml.oauth2("crm").complete().with("docs_url", null)))
                .containsExactly("docs_url must be an https URL");
        assertThat(violations(AppYaml.oauth2("crm").complete().with("console_url", "http://console.example.com")))
                .containsExactly("console_url must be an https URL");
    }

    @Test
    void doesRefuseTheCatalogueWhenACategoryIsNotOnTheList() {
        Path file = AppYaml.oauth2("crm").complete().with("categories", List.of("gardening")).writeTo(dir);
        assertThatThrownBy(() -> new Catalog(file)).hasMessageContaining("unknown category 'gardening'");
    }

    @Test
    void doesFlagAnEntryWhenItsLogoIsNotBundled() {
        assertThat(violations(AppYaml.oauth2("crm").complete().with("icon", "{keybridge}/link/assets/logos/nope.svg")))
                .containsExactly("no logo file nope.svg");
        assertThat(violations(AppYaml.oauth2("crm").complete().with("icon", "https://cdn.example.com/crm.svg")))
                .containsExactly("icon must be {keybridge}/link/assets/logos/<file>.svg");
    }

    @Test
    void doesFlagAUrlWhenItIsNotHttps() {
        assertThat(violations(AppYaml.oauth2("crm").complete().oauth2Field("token_url", "http://crm.example.com/token")))
                .containsExactly("oauth2.token_url must be https (http://crm.example.com/token)");
    }

    @Test
    void doesFlagAPlaceholderWhenNoFieldDefinesIt() {
        assertThat(violations(AppYaml.oauth2("crm").complete().with("api_base_url", "{instance_url}/api")))
                .contains("api_base_url uses {instance_url}, which no field, token_fields or callback_fields defines");
        assertThat(violations(AppYaml.oauth2("crm").complete().with("api_base_url", "{instance_url}/api")
                .oauth2Field("token_fields", List.of("instance_url")))).isEmpty();
        assertThat(violations(AppYaml.keybased("crm").complete()
                .with("inject", Map.of("headers", Map.of("Authorization", "Bearer {access_token}")))))
                .containsExactly("inject uses {access_token}, which no field, token_fields or callback_fields defines");
    }

    @Test
    void doesFlagAFieldInAUrlHostWhenItHasNoPattern() {
        AppYaml open = AppYaml.keybased("crm").complete().with("api_base_url", "https://{subdomain}.crm.example.com/api")
                .with("auth_input_map", List.of(Map.of("name", "subdomain", "type", "text", "required", true),
                        Map.of("name", "api_key", "type", "password", "required", true)));
        assertThat(violations(open)).containsExactly("api_base_url puts field subdomain in its host without a pattern");

        AppYaml patterned = open.with("auth_input_map", List.of(
                Map.of("name", "subdomain", "type", "text", "required", true, "pattern", "[a-z0-9-]{1,63}"),
                Map.of("name", "api_key", "type", "password", "required", true)));
        assertThat(violations(patterned)).isEmpty();
    }

    @Test
    void doesFlagTwoAppsWhenTheyShareAName() {
        Catalog catalog = new Catalog(AppYaml.keybased("my-github").complete().with("name", "GitHub").writeTo(dir));
        assertThat(CatalogRules.violations(catalog.all(), CatalogRules.LOGOS))
                .anyMatch(v -> v.contains("the name 'GitHub' is also"));
    }

    @Test
    void doesRefuseTheCatalogueWhenAFieldPatternIsNotARegularExpression() {
        Path file = AppYaml.keybased("crm").with("auth_input_map",
                List.of(Map.of("name", "api_key", "type", "password", "required", true, "pattern", "[a-z"))).writeTo(dir);
        assertThatThrownBy(() -> new Catalog(file)).hasMessageContaining("the pattern of field 'api_key' is not valid");
    }

    @Test
    void doesPassASmartEntryWhenItsEndpointsAreLeftToDiscovery() {
        assertThat(violations(AppYaml.smart("ehr").complete())).isEmpty();
    }

    @Test
    void doesFlagASmartEntryWhenItsExampleIsMissingOrDoesNotMatchItsPattern() {
        assertThat(violations(AppYaml.smart("ehr").complete().with("smart", Map.of("base_url_pattern", "https://x\\.example/r4"))))
                .containsExactly("smart.base_url_example is missing (the form shows it)");
        assertThat(violations(AppYaml.smart("ehr").complete().with("smart", Map.of("base_url_pattern", "https://x\\.example/r4",
                "base_url_example", "https://y.example/r4"))))
                .containsExactly("smart.base_url_example does not match smart.base_url_pattern");
    }

    @Test
    void doesRefuseTheCatalogueWhenASmartAppNamesEndpointsOrAnotherApiBase() {
        assertThatThrownBy(() -> new Catalog(AppYaml.smart("ehr").oauth2Field("token_url", "https://ehr.example.com/token")
                .writeTo(dir))).hasMessageContaining("leave oauth2.authorize_url and oauth2.token_url out");
        assertThatThrownBy(() -> new Catalog(AppYaml.smart("ehr").with("api_base_url", "https://api.example.com").writeTo(dir)))
                .hasMessageContaining("api_base_url is {fhir_base_url}");
        assertThatThrownBy(() -> new Catalog(AppYaml.smart("ehr").withoutOauth2().writeTo(dir)))
                .hasMessageContaining("smart_on_fhir apps need an oauth2 block");
        assertThatThrownBy(() -> new Catalog(AppYaml.smart("ehr").with("smart", Map.of("base_url_pattern", "[a-z")).writeTo(dir)))
                .hasMessageContaining("smart.base_url_pattern is not valid");
    }
}
