package dev.keybridge.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.support.Api;
import dev.keybridge.support.IntegrationTest;
import dev.keybridge.support.LinkDriver;
import dev.keybridge.support.LinkTokens;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The default organization's name is the operator's: unset, Link says "This app" in the end user's language. */
class OrganizationNameTest extends IntegrationTest {

    @Test
    void doesShowThisAppInTheEndUsersLanguageWhenTheOperatorNamedNoOrganization() throws Exception {
        assertThat(defaultOrganization().get("name").isNull()).as("no placeholder name").isTrue();

        LinkDriver.Page page = new LinkDriver(api.base())
                .open(LinkTokens.forUser("u-unnamed").app("sandbox-ehr").language("de").create(defaultKey()));

        assertThat(page.html()).contains("Diese App").doesNotContain("Default organization");
    }

    @Test
    void doesNameTheDefaultOrganizationWhenKeybridgeOrganizationNameIsSet() throws Exception {
        try (ConfigurableApplicationContext node = startSecondNode(2, "--keybridge.bootstrap.organization-name=Acme Health")) {
            assertThat(defaultOrganization().get("name").asString()).isEqualTo("Acme Health");

            LinkDriver.Page page = new LinkDriver(api.base())
                    .open(LinkTokens.forUser("u-named").app("sandbox-ehr").create(defaultKey()));

            assertThat(page.html()).contains("Acme Health").doesNotContain("This app");
        } finally {
            jdbc.sql("update organization set name = null where is_default").update();
        }
    }

    private JsonNode defaultOrganization() {
        for (JsonNode org : admin.get("/admin/v1/organizations?limit=200").json().get("docs")) {
            if (org.get("is_default").asBoolean()) {
                return org;
            }
        }
        throw new AssertionError("no default organization");
    }

    private Api defaultKey() throws Exception {
        JsonNode file = Api.JSON.readTree(Files.readString(dataDir().resolve(Bootstrap.FILE)));
        return api.withHeader("x-api-key", file.at("/test/api_key").asString());
    }
}
