package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.model.LinkBranding;
import dev.keybridge.sdk.model.LinkSettings;
import dev.keybridge.sdk.model.LinkToken;
import dev.keybridge.sdk.param.LinkBrandingParams;
import dev.keybridge.sdk.param.LinkTokenParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Link's branding and language through the SDK against a real server. */
class LinkSettingsIT {

    private static final byte[] SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/>"
            .getBytes(StandardCharsets.UTF_8);

    private final KeybridgeServer server = KeybridgeServer.get();
    private final Keybridge keybridge = server.client(server.newOrganization());

    @Test
    void doesChangeOnlyTheBrandingFieldsSetAndKeepTheRedirectsAndOrigins() {
        LinkSettings lists = new LinkSettings(List.of("https://app.example.com/done"), List.of("https://app.example.com"));
        keybridge.linkTokens().updateSettings(lists);
        LinkBranding initial = keybridge.linkTokens().branding();
        assertThat(initial.displayName()).isNull();
        assertThat(initial.theme()).isEqualTo("system");

        LinkBranding set = keybridge.linkTokens().updateBranding(LinkBrandingParams.builder().displayName("Acme Health")
                .accentColor("#1A73E8").theme("dark").logo("image/svg+xml", SVG).build());

        assertThat(set.displayName()).isEqualTo("Acme Health");
        assertThat(set.accentColor()).isEqualTo("#1a73e8");
        assertThat(set.theme()).isEqualTo("dark");
        assertThat(set.logo()).startsWith("data:image/svg+xml;base64,");
        assertThat(keybridge.linkTokens().branding()).isEqualTo(set);
        assertThat(keybridge.linkTokens().settings()).as("redirects and origins kept").isEqualTo(lists);

        LinkBranding cleared = keybridge.linkTokens().updateBranding(LinkBrandingParams.builder().clearDisplayName()
                .clearLogo().build());
        assertThat(cleared.displayName()).isNull();
        assertThat(cleared.logo()).isNull();
        assertThat(cleared.accentColor()).as("not sent: kept").isEqualTo("#1a73e8");
        assertThat(cleared.theme()).isEqualTo("dark");

        keybridge.linkTokens().updateSettings(new LinkSettings(List.of(), List.of()));
        assertThat(keybridge.linkTokens().branding()).as("updateSettings keeps the branding").isEqualTo(cleared);

        LinkSettings both = keybridge.linkTokens().updateSettings(lists, LinkBrandingParams.builder().theme("light").build());
        assertThat(both).isEqualTo(lists);
        assertThat(keybridge.linkTokens().branding().theme()).isEqualTo("light");
        assertThat(keybridge.linkTokens().branding().accentColor()).isEqualTo("#1a73e8");

        assertThatThrownBy(() -> keybridge.linkTokens().updateBranding(LinkBrandingParams.builder().accentColor("blue")
                .build())).isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("accent_color"));
        assertThatThrownBy(() -> keybridge.linkTokens().updateBranding(LinkBrandingParams.builder().theme("neon").build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> keybridge.linkTokens().updateBranding(LinkBrandingParams.builder()
                .logo("https://example.com/logo.png").build())).isInstanceOf(InvalidRequestException.class);
        assertThat(keybridge.linkTokens().branding().theme()).as("unchanged by refused updates").isEqualTo("light");
    }

    @Test
    void doesOpenLinkInTheLanguageOfTheLinkToken() {
        keybridge.linkTokens().updateBranding(LinkBrandingParams.builder().displayName("Acme Sant\u00e9").build());
        LinkToken french = keybridge.linkTokens().create(LinkTokenParams.forUser("lang-1").language("fr").build());
        assertThat(french.token()).startsWith("lt_");
        String page = server.openLink(french.token());
        assertThat(page).contains("lang=\"fr\"", "Acme Sant\u00e9");
        assertThat(server.openLink(keybridge.linkTokens().create(LinkTokenParams.forUser("lang-1").build()).token()))
                .as("no language: the browser's, else English").contains("lang=\"en\"");
        LinkToken japanese = keybridge.linkTokens().create(LinkTokenParams.forUser("lang-1").language("ja")
                .app("sandbox-ehr").build());
        assertThat(japanese.token()).startsWith("lt_");
        assertThat(LinkTokenParams.LANGUAGES).containsExactly("en", "fr", "de", "es", "ja");

        assertThatThrownBy(() -> keybridge.linkTokens().create(LinkTokenParams.forUser("lang-1").language("xx").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("language"));
    }
}
