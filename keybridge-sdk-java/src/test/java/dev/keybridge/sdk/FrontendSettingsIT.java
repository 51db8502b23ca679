package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.model.Catalog;
import dev.keybridge.sdk.model.FrontendSettings;
import dev.keybridge.sdk.param.AppSettingsParams;
import dev.keybridge.sdk.param.FrontendSettingsParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import org.junit.jupiter.api.Test;

/** The front-end settings (origin allow-list) and the catalogue through the SDK against a real server. */
class FrontendSettingsIT {

    private final KeybridgeServer server = KeybridgeServer.get();
    private final KeybridgeServer.Org org = server.newOrganization();
    private final Keybridge keybridge = server.client(org);

    @Test
    void doesKeepTheOriginAllowListPerEnvironmentWhenItIsReplaced() {
        FrontendSettings initial = keybridge.frontend().settings();
        assertThat(initial.environment()).isEqualTo("test");
        assertThat(initial.allowsAnyOrigin()).isTrue();

        FrontendSettings set = keybridge.frontend().updateSettings(FrontendSettingsParams.builder()
                .allowedOrigins("https://App.Example.com", "http://localhost:3000", "https://app.example.com").build());

        assertThat(set.allowedOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(set.allowsAnyOrigin()).isFalse();
        assertThat(keybridge.frontend().settings()).isEqualTo(set);
        Keybridge production = Keybridge.builder().apiKey(org.production().apiKey()).baseUrl(server.baseUrl()).build();
        assertThat(production.frontend().settings().allowsAnyOrigin()).as("the other environment").isTrue();

        assertThatThrownBy(() -> keybridge.frontend().updateSettings(FrontendSettingsParams.builder()
                .allowedOrigins("https://app.example.com/path").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("https://app.example.com/path"));
        assertThat(keybridge.frontend().settings()).as("unchanged by the refused update").isEqualTo(set);
        assertThat(keybridge.frontend().updateSettings(FrontendSettingsParams.anyOrigin()).allowsAnyOrigin()).isTrue();
    }

    @Test
    void doesListTheWholeCatalogueWithWhatIsEnabledHere() {
        Catalog catalog = keybridge.applications().catalog();

        assertThat(catalog.environment()).isEqualTo("test");
        assertThat(catalog.app("sandbox-keys")).hasValueSatisfying(a -> {
            assertThat(a.enabled()).isTrue();
            assertThat(a.sandbox()).isTrue();
            assertThat(a.authType()).isEqualTo("keybased");
            assertThat(a.authInputMap()).extracting(f -> f.name()).contains("api_key");
        });
        assertThat(catalog.app("github")).hasValueSatisfying(a -> {
            assertThat(a.enabled()).isFalse();
            assertThat(a.sandbox()).isFalse();
            assertThat(a.authType()).isEqualTo("oauth2");
            assertThat(a.name()).isNotBlank();
        });

        keybridge.applications().updateSettings("github", AppSettingsParams.enabled(true).clientId("c").build());
        assertThat(keybridge.applications().catalog().app("github")).hasValueSatisfying(a -> assertThat(a.enabled()).isTrue());
        Catalog production = Keybridge.builder().apiKey(org.production().apiKey()).baseUrl(server.baseUrl()).build()
                .applications().catalog();
        assertThat(production.environment()).isEqualTo("production");
        assertThat(production.apps()).isNotEmpty().noneMatch(Catalog.Entry::sandbox);
        assertThat(production.app("github")).hasValueSatisfying(a -> assertThat(a.enabled()).isFalse());
    }
}
