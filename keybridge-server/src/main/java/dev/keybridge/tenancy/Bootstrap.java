package dev.keybridge.tenancy;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.config.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * First start: creates the default organization. Its test environment gets the preset
 * {@code KEYBRIDGE_BOOTSTRAP_TEST_*} credentials when all three are set; otherwise random ones,
 * written to {@code <data dir>/bootstrap-credentials.json} (mode 0600). Safe when several nodes
 * start at once (an advisory lock serializes them).
 */
@Component
public class Bootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    public static final String FILE = "bootstrap-credentials.json";

    private final KeybridgeSettings settings;
    private final TenancyService tenancy;
    private final TenancyStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public Bootstrap(KeybridgeSettings settings, TenancyService tenancy, TenancyStore store, JdbcClient jdbc,
                     TransactionTemplate tx, JsonMapper json) {
        this.settings = settings;
        this.tenancy = tenancy;
        this.store = store;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    /** Runs after every singleton, so after Flyway has migrated, and before the server takes traffic. */
    @Override
    public void afterSingletonsInstantiated() {
        KeybridgeSettings.Bootstrap preset = settings.bootstrap();
        if (preset.isPresetPartial()) {
            throw new IllegalStateException("Set all three of KEYBRIDGE_BOOTSTRAP_TEST_API_KEY, "
                    + "KEYBRIDGE_BOOTSTRAP_TEST_CLIENT_ID and KEYBRIDGE_BOOTSTRAP_TEST_CLIENT_SECRET, or none.");
        }
        if (preset.isPresetComplete()) {
            validatePreset(preset);
        }
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('keybridge.bootstrap'))").query().singleValue();
            Organization org = store.findDefaultOrganization().orElse(null);
            if (org == null) {
                TenancyService.CreatedOrganization created = tenancy.createOrganization(preset.organizationName(), true);
                org = created.organization();
                writeCredentialsFile(created, preset.isPresetComplete());
            } else if (preset.organizationName() != null && !preset.organizationName().equals(org.name())) {
                store.renameOrganization(org.id(), preset.organizationName());
            }
            if (preset.isPresetComplete()) {
                tenancy.presetTestCredentials(org.id(), preset.testApiKey(), preset.testClientId(),
                        preset.testClientSecret());
            }
        });
    }

    private static void validatePreset(KeybridgeSettings.Bootstrap preset) {
        if (!preset.testApiKey().startsWith("kb_test_") || !preset.testClientId().startsWith("ci_test_")
                || !preset.testClientSecret().startsWith("cs_test_")) {
            throw new IllegalStateException("Bootstrap test credentials must start with kb_test_, ci_test_ and cs_test_.");
        }
        if (preset.testApiKey().length() < 24 || preset.testClientSecret().length() < 24) {
            throw new IllegalStateException("Bootstrap test secrets must be at least 24 characters long.");
        }
    }

    private void writeCredentialsFile(TenancyService.CreatedOrganization created, boolean testPreset) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("organization_id", created.organization().id());
        for (Map.Entry<Environment, List<IssuedCredential>> e : created.credentials().entrySet()) {
            if (testPreset && e.getKey() == Environment.TEST) {
                doc.put("test", "preset from KEYBRIDGE_BOOTSTRAP_TEST_* (the random ones below were also issued)");
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (IssuedCredential c : e.getValue()) {
                if (c.apiKey() != null) {
                    env.put("api_key", c.apiKey());
                } else {
                    env.put("client_id", c.clientId());
                    env.put("client_secret", c.clientSecret());
                }
            }
            doc.put(e.getKey().wire() + (testPreset && e.getKey() == Environment.TEST ? "_generated" : ""), env);
        }
        Path file = settings.dataDir().toAbsolutePath().normalize().resolve(FILE);
        try {
            SecretFiles.writePrivate(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        log.info("Created the default organization {}; its credentials are in {} (mode 0600)",
                created.organization().id(), file);
    }
}
