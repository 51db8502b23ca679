package dev.keybridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppDefinition.InputField;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key-based field with a {@code pattern} takes only values that match it whole (issue 19: every field validated). */
class KeyBasedFieldPatternTest {

    private static Step connect(String subdomain) {
        AppDefinition app = new AppDefinition("desk", "Desk", null, null, AppDefinition.AuthType.KEYBASED, null, null,
                "https://{subdomain}.desk.example/api", null, null,
                List.of(new InputField("subdomain", "text", true, null, "Subdomain", "[a-z0-9][a-z0-9-]{0,62}"),
                        new InputField("api_key", "password", true, null, "API key", null)),
                null, null, false, null, null, null, null);
        ConnectorContext context = new ConnectorContext(app, null, null, null, null, Duration.ofSeconds(1));
        return new KeyBasedConnector().start(context, Map.of("subdomain", subdomain, "api_key", "k"));
    }

    @Test
    void doesTakeTheValueWhenItMatchesThePattern() {
        assertThat(connect("acme-support")).isInstanceOf(Step.Success.class);
        assertThat(((Step.Success) connect(" acme ")).credentials()).containsEntry("subdomain", "acme");
    }

    @Test
    void doesRefuseTheValueWhenItDoesNotMatchThePatternWhole() {
        for (String bad : List.of("acme.evil.example", "acme/x", "-acme", "ACME?x=1")) {
            Step step = connect(bad);
            assertThat(step).as(bad).isInstanceOf(Step.Failure.class);
            assertThat(((Step.Failure) step).code()).isEqualTo("invalid_field");
        }
    }
}
