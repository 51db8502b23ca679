package dev.keybridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README.md's settings tables, application.properties and {@link KeybridgeSettings} agree: every setting is
 * documented with its variable and its one default, and nothing documented or mapped is not a setting.
 */
class SettingsDocumentationTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path PROPERTIES = Path.of("src", "main", "resources", "application.properties");

    @Test
    void doesDocumentEverySettingWithItsVariableAndDefaultWhenTheRealFilesAreRead() throws IOException {
        List<String> problems = SettingsDocumentation.problems(
                SettingsDocumentation.readme(Files.readString(README, StandardCharsets.UTF_8)),
                SettingsDocumentation.properties(Files.readString(PROPERTIES, StandardCharsets.UTF_8)),
                SettingsCatalog.all());

        assertThat(problems).isEmpty();
        assertThat(SettingsCatalog.all()).as("the record is read").hasSizeGreaterThan(80)
                .contains(new SettingsCatalog.Setting("keybridge.link.link-token-ttl", "KEYBRIDGE_LINK_TOKEN_TTL", "30m"),
                        new SettingsCatalog.Setting("keybridge.webhooks.retry-schedule", "KEYBRIDGE_WEBHOOK_RETRY_SCHEDULE",
                                "5s,5m,30m,2h,5h,10h,10h"),
                        new SettingsCatalog.Setting("keybridge.public-url", "KEYBRIDGE_PUBLIC_URL", null));
    }

    @Test
    void doesReportEachDisagreementWhenASampleIsWrong() {
        String readme = """
                | variable | default | meaning |
                |---|---|---|
                | `KEYBRIDGE_A_TTL` | `5m` | documented with another default |
                | `KEYBRIDGE_B_URL` | `http://x` | has no default in the record |
                | `KEYBRIDGE_PORT` | `8080` | Spring's, mapped in application.properties |
                | `KEYBRIDGE_GONE` | `1` | no setting reads it |
                | `KEYBRIDGE_AOT` | `true` | (launcher only) not the server's |
                | `KEYBRIDGE_PATTERN` | `a\\|b` | an escaped bar |
                """;
        String properties = """
                server.port=${KEYBRIDGE_PORT:9090}
                keybridge.a.ttl=${KEYBRIDGE_A_TTL:5m}
                """;
        List<SettingsCatalog.Setting> record = List.of(
                new SettingsCatalog.Setting("keybridge.a.ttl", "KEYBRIDGE_A_TTL", "10m"),
                new SettingsCatalog.Setting("keybridge.b.url", "KEYBRIDGE_B_URL", null),
                new SettingsCatalog.Setting("keybridge.c.size", "KEYBRIDGE_C_SIZE", "3"),
                new SettingsCatalog.Setting("keybridge.d.flag", null, "true"),
                new SettingsCatalog.Setting("keybridge.pattern", "KEYBRIDGE_PATTERN", "a|b"));

        List<String> problems = SettingsDocumentation.problems(SettingsDocumentation.readme(readme),
                SettingsDocumentation.properties(properties), record);

        assertThat(problems).containsExactlyInAnyOrder(
                "KEYBRIDGE_A_TTL: README.md says the default is `5m`, the record's @DefaultValue is `10m`",
                "KEYBRIDGE_B_URL: README.md gives the default `http://x`, the record's @DefaultValue has none",
                "KEYBRIDGE_C_SIZE (the record's @DefaultValue) is not in README.md's settings tables",
                "keybridge.d.flag has no @Env: no documented variable sets it",
                "application.properties sets keybridge.a.ttl: KeybridgeSettings declares its variable (@Env) and default (@DefaultValue)",
                "KEYBRIDGE_PORT: README.md says the default is `8080`, application.properties' server.port is `9090`",
                "README.md documents KEYBRIDGE_GONE, which no setting reads (mark a launcher's or the tests' own with "
                        + "(launcher only) / (tests only))");
    }
}
