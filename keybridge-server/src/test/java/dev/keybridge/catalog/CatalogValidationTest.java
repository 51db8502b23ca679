package dev.keybridge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of an operator's catalog file (the built-in catalog passes the same check): each rule,
 * shown on one small app that breaks only it ({@link AppYaml}).
 */
class CatalogValidationTest {

    @TempDir
    Path dir;

    private Catalog load(AppYaml app) {
        return new Catalog(app.writeTo(dir));
    }

    private void assertRefused(AppYaml app, String reason) {
        Path file = app.writeTo(dir);
        assertThatThrownBy(() -> new Catalog(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(reason);
    }

    @Test
    void doesAcceptAnAppOfEachFamilyWhenItHasWhatItsFamilyNeeds() {
        assertThat(load(AppYaml.oauth2("crm-oauth")).find("crm-oauth").orElseThrow().authType())
                .isEqualTo(AppDefinition.AuthType.OAUTH2);
        assertThat(load(AppYaml.keybased("crm-keys")).find("crm-keys").orElseThrow().inputs()).hasSize(1);
        assertThat(load(AppYaml.credentials("crm-login")).find("crm-login").orElseThrow().connectorName())
                .isEqualTo("sandbox-ehr");
    }

    @Test
    void doesRefuseTheSlugWhenItIsMissing() {
        assertRefused(AppYaml.keybased("x").with("slug", null), "slug must be lower-case letters, digits and '-'");
    }

    @Test
    void doesRefuseTheSlugWhenItHasUpperCaseLettersOrOtherSigns() {
        assertRefused(AppYaml.keybased("My-Crm"), "app 'My-Crm': slug must be lower-case");
        assertRefused(AppYaml.keybased("my_crm"), "app 'my_crm': slug must be lower-case");
        assertRefused(AppYaml.keybased("-crm"), "app '-crm': slug must be lower-case");
    }

    @Test
    void doesRefuseTheSlugWhenItIsLongerThan63Characters() {
        String longest = "a".repeat(63);
        assertThat(load(AppYaml.keybased(longest)).find(longest)).isPresent();
        assertRefused(AppYaml.keybased("a".repeat(64)), "slug must be lower-case");
    }

    @Test
    void doesRefuseAnAppWhenItHasNoName() {
        assertRefused(AppYaml.keybased("nameless").with("name", null), "app 'nameless': name and auth_type are required");
    }

    @Test
    void doesRefuseAnAppWhenItHasNoAuthType() {
        assertRefused(AppYaml.keybased("typeless").with("auth_type", null), "name and auth_type are required");
    }

    @Test
    void doesRefuseTheFileWhenAnAuthTypeIsUnknown() {
        assertRefused(AppYaml.keybased("saml-app").with("auth_type", "saml"), "is not valid");
    }

    @Test
    void doesRefuseAnOAuth2AppWhenItsTokenOrAuthorizeUrlIsMissing() {
        String reason = "oauth2.authorize_url and oauth2.token_url are required";
        assertRefused(AppYaml.oauth2("no-token").oauth2Field("token_url", null), "app 'no-token': " + reason);
        assertRefused(AppYaml.oauth2("no-authorize").oauth2Field("authorize_url", null), reason);
        assertRefused(AppYaml.oauth2("no-block").withoutOauth2(), reason);
    }

    @Test
    void doesRefuseAKeyBasedAppWhenItHasNoInputFields() {
        assertRefused(AppYaml.keybased("no-inputs").with("auth_input_map", null),
                "app 'no-inputs': auth_input_map is required for keybased apps");
    }

    @Test
    void doesRefuseACredentialsAppWhenItNamesNoConnector() {
        assertRefused(AppYaml.credentials("no-connector").with("connector", null), "credentials apps name their connector");
        assertRefused(AppYaml.credentials("blank-connector").with("connector", " "), "credentials apps name their connector");
    }

    @Test
    void doesRefuseADefaultClientWhenTheAppIsNotASandbox() {
        AppYaml shipped = AppYaml.oauth2("shipped").oauth2Field("default_client_id", "id")
                .oauth2Field("default_client_secret", "secret");

        assertRefused(shipped, "app 'shipped': only sandbox apps may ship a default client");
        assertThat(load(shipped.with("sandbox", true)).find("shipped").orElseThrow().sandbox()).isTrue();
    }

    @Test
    void doesRefuseTheFileWhenAnAppHasAFieldTheCatalogDoesNotKnow() {
        assertRefused(AppYaml.keybased("colourful").with("colour", "red"), "is not valid");
        assertRefused(AppYaml.oauth2("deep").oauth2Field("colour", "red"), "is not valid");
    }

    @Test
    void doesRefuseTheFileWhenAFieldHasTheWrongShape() {
        assertRefused(AppYaml.keybased("bad-inputs").with("auth_input_map", Map.of("name", "api_key")), "is not valid");
    }
}
