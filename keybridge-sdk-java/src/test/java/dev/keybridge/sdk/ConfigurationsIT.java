package dev.keybridge.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.sdk.exception.InvalidRequestException;
import dev.keybridge.sdk.exception.NotFoundException;
import dev.keybridge.sdk.model.Config;
import dev.keybridge.sdk.model.ConfigOption;
import dev.keybridge.sdk.model.ConfigSchema;
import dev.keybridge.sdk.param.ConfigParams;
import dev.keybridge.sdk.param.ConfigSchemaParams;
import dev.keybridge.sdk.param.ConfigSchemaParams.Field;
import dev.keybridge.sdk.param.ConfigSchemaParams.Workflow;
import dev.keybridge.sdk.param.ConfigUpdateParams;
import dev.keybridge.sdk.param.LinkedAccountParams;
import dev.keybridge.sdk.support.KeybridgeServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config schemas and configurations through the SDK against a real server. */
class ConfigurationsIT {

    private static final String APP = "sandbox-keys";

    private final KeybridgeServer server = KeybridgeServer.get();
    private final KeybridgeServer.Org org = server.newOrganization();
    private final Keybridge keybridge = server.client(org);

    private static ConfigSchemaParams schema() {
        return ConfigSchemaParams.builder()
                .field(Field.select("region", "Region").required().option("Europe", "eu").option("United States", "us")
                        .defaultValue("eu").build())
                .field(Field.number("limit", "Daily limit").required().build())
                .field(Field.text("note", "Note").build())
                .field(Field.bool("notify", "Notify me").defaultValue(false).build())
                .field(Field.select("channel", "Channel").labelDriven().build())
                .field(Field.multiselect("tags", "Tags").option("A", "a").option("B", "b").build())
                .workflow(Workflow.builder("sync", "Sync invoices").description("Copies invoices every night")
                        .field(Field.text("folder", "Folder").required().build()).build())
                .build();
    }

    @Test
    void doesSetRetrieveListAndDeleteASchemaWhenTheAppIsAvailable() {
        ConfigSchema saved = keybridge.configSchemas().update(APP, schema());

        assertThat(saved.slug()).isEqualTo(APP);
        assertThat(saved.environment()).isEqualTo("test");
        assertThat(saved.fields()).extracting(ConfigSchema.Field::id)
                .containsExactly("region", "limit", "note", "notify", "channel", "tags");
        assertThat(saved.field("region")).hasValueSatisfying(f -> {
            assertThat(f.type()).isEqualTo("select");
            assertThat(f.required()).isTrue();
            assertThat(f.defaultValue()).isEqualTo("eu");
            assertThat(f.options()).containsExactly(new ConfigOption("Europe", "eu"), new ConfigOption("United States", "us"));
        });
        assertThat(saved.field("channel")).hasValueSatisfying(f -> assertThat(f.labelDriven()).isTrue());
        assertThat(saved.workflows()).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo("sync");
            assertThat(w.description()).isEqualTo("Copies invoices every night");
            assertThat(w.fields()).extracting(ConfigSchema.Field::id).containsExactly("folder");
        });
        assertThat(saved.createdAt()).isNotNull();
        assertThat(keybridge.configSchemas().retrieve(APP)).isEqualTo(saved);
        assertThat(keybridge.configSchemas().list()).containsExactly(APP);

        assertThat(keybridge.configSchemas().delete(APP).success()).isTrue();

        assertThat(keybridge.configSchemas().list()).isEmpty();
        assertThatThrownBy(() -> keybridge.configSchemas().retrieve(APP))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.error()).isEqualTo("config_schema_not_found"));
        assertThatThrownBy(() -> keybridge.configSchemas().delete(APP)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void doesRefuseAMalformedSchemaOrAnUnknownAppAndKeepTheStoredSchema() {
        ConfigSchema saved = keybridge.configSchemas().update(APP, schema());

        assertThatThrownBy(() -> keybridge.configSchemas().update(APP, ConfigSchemaParams.builder()
                .field(Field.select("region", "Region").build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("fields[0]");
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThatThrownBy(() -> keybridge.configSchemas().update(APP, ConfigSchemaParams.builder()
                .field(Field.number("limit", "Limit").defaultValue("ten").build()).build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(keybridge.configSchemas().retrieve(APP)).isEqualTo(saved);

        assertThatThrownBy(() -> keybridge.configSchemas().update("no-such-app", schema()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.error()).isEqualTo("app_not_found"));
        assertThatThrownBy(() -> Field.select("x", "X").option("bad", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesFindOrCreateUpdateRetrieveAndDeleteConfigsWhenValuesFitTheSchema() {
        keybridge.configSchemas().update(APP, schema());
        keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("cfg-user").build());

        Config created = keybridge.configurations().findOrCreate(ConfigParams.builder("cfg-user", APP)
                .label("#general", "C1").label("#ops", "C2").build());

        assertThat(created.configId()).isEqualTo("default");
        assertThat(created.linkedAccountId()).isEqualTo("cfg-user");
        assertThat(created.value("region")).as("the default shows").isEqualTo("eu");
        assertThat(created.value("limit")).isNull();
        assertThat(created.labels()).extracting(ConfigOption::value).containsExactly("C1", "C2");
        assertThat(created.fields()).filteredOn(f -> f.id().equals("channel")).singleElement()
                .satisfies(f -> assertThat(f.options()).extracting(ConfigOption::name).containsExactly("#general", "#ops"));
        assertThat(keybridge.configurations().findOrCreate(ConfigParams.builder("cfg-user", APP).build()).id())
                .as("found, labels kept").isEqualTo(created.id());

        Config updated = keybridge.configurations().update(ConfigUpdateParams.builder("cfg-user", APP)
                .field("limit", 25).field("channel", "C2").field("tags", List.of("a", "b")).field("note", "hi")
                .enableWorkflow("sync").workflowField("sync", "folder", "/invoices").build());

        assertThat(updated.value("limit")).isEqualTo(25);
        assertThat(updated.value("channel")).isEqualTo("C2");
        assertThat(updated.value("tags")).isEqualTo(List.of("a", "b"));
        assertThat(updated.workflow("sync")).hasValueSatisfying(w -> {
            assertThat(w.enabled()).isTrue();
            assertThat(w.fields()).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo("/invoices"));
        });
        Config cleared = keybridge.configurations().update(ConfigUpdateParams.builder("cfg-user", APP)
                .clearField("note").disableWorkflow("sync").clearWorkflowField("sync", "folder").build());
        assertThat(cleared.value("note")).isNull();
        assertThat(cleared.value("limit")).as("not sent, kept").isEqualTo(25);
        assertThat(cleared.workflow("sync").orElseThrow().enabled()).isFalse();
        assertThat(keybridge.configurations().retrieve("cfg-user", APP)).isEqualTo(cleared);

        Config team = keybridge.configurations().findOrCreate(ConfigParams.builder("cfg-user", APP).configId("eu team").build());
        assertThat(team.id()).isNotEqualTo(created.id());
        assertThat(keybridge.configurations().retrieve("cfg-user", APP, "eu team").configId()).isEqualTo("eu team");
        assertThat(keybridge.configurations().delete("cfg-user", APP, "eu team").configId()).isEqualTo("eu team");
        assertThatThrownBy(() -> keybridge.configurations().retrieve("cfg-user", APP, "eu team"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.error()).isEqualTo("config_not_found"));

        assertThat(keybridge.configurations().delete("cfg-user", APP)).satisfies(d -> {
            assertThat(d.deleted()).isTrue();
            assertThat(d.id()).isEqualTo(created.id());
            assertThat(d.linkedAccountId()).isEqualTo("cfg-user");
        });
        assertThatThrownBy(() -> keybridge.configurations().delete("cfg-user", APP)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void doesRefuseValuesTheSchemaDoesNotAllowAndWriteNothing() {
        keybridge.configSchemas().update(APP, schema());
        keybridge.linkedAccounts().upsert(LinkedAccountParams.builder("strict-user").build());
        assertThatThrownBy(() -> keybridge.configurations().update(ConfigUpdateParams.builder("strict-user", APP)
                .field("limit", 1).build()))
                .as("update before find-or-create")
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.error()).isEqualTo("config_not_found"));
        keybridge.configurations().findOrCreate(ConfigParams.builder("strict-user", APP).label("#general", "C1").build());
        Config good = keybridge.configurations().update(ConfigUpdateParams.builder("strict-user", APP).field("limit", 5).build());

        assertThatThrownBy(() -> keybridge.configurations().update(ConfigUpdateParams.builder("strict-user", APP)
                .field("limit", "five").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("'fields.limit' must be a number"));
        assertThatThrownBy(() -> keybridge.configurations().update(ConfigUpdateParams.builder("strict-user", APP)
                .field("color", "red").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("Unknown field 'fields.color'"));
        assertThatThrownBy(() -> keybridge.configurations().update(ConfigUpdateParams.builder("strict-user", APP)
                .field("channel", "C9").build()))
                .as("not one of the labels").isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> keybridge.configurations().update(ConfigUpdateParams.builder("strict-user", APP)
                .field("limit", 6).enableWorkflow("sync").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("'workflows.sync.fields.folder' is required"));
        assertThat(keybridge.configurations().retrieve("strict-user", APP)).as("nothing written").isEqualTo(good);

        assertThatThrownBy(() -> keybridge.configurations().retrieve("nobody", APP)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> keybridge.configurations().findOrCreate(ConfigParams.builder("strict-user", "no-such-app")
                .build())).isInstanceOf(NotFoundException.class);
        Keybridge production = Keybridge.builder().apiKey(org.production().apiKey()).baseUrl(server.baseUrl()).build();
        assertThatThrownBy(() -> production.configurations().retrieve("strict-user", APP))
                .as("another environment").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ConfigUpdateParams.builder("strict-user", APP).field("limit", new Object()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ConfigUpdateParams.builder("strict-user", APP).field("note", "private words").build().toString())
                .contains("note").doesNotContain("private words");
    }
}
