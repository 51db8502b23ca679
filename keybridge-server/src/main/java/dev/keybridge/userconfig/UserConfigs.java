package dev.keybridge.userconfig;

import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * What other packages (the dashboard) may do with config schemas and configs, through the same
 * validation ({@link SchemaParser}) and stores as the API; every call is scoped by the caller's
 * organization and environment. Schemas and configs come back in their wire shapes.
 */
@Service
public class UserConfigs {

    private final SchemaStore schemas;
    private final ConfigStore configs;
    private final AppSettings apps;

    UserConfigs(SchemaStore schemas, ConfigStore configs, AppSettings apps) {
        this.schemas = schemas;
        this.configs = configs;
        this.apps = apps;
    }

    /** The app's schema in the caller's environment ({@code slug, environment, fields, workflows, createdAt, updatedAt}). */
    public Optional<Map<String, Object>> schema(Caller caller, String slug) {
        apps.available(caller.environment(), slug);
        return schemas.find(caller.orgId(), caller.environment(), slug).map(s -> view(s, caller.environment()));
    }

    /** Validates {@code {fields, workflows}} as {@code PUT /config-schema/{slug}} does and stores it; 400 when invalid. */
    public Map<String, Object> putSchema(Caller caller, String slug, JsonNode body) {
        apps.available(caller.environment(), slug);
        ConfigSchema parsed = SchemaParser.parse(slug, body);
        return view(schemas.put(caller.orgId(), caller.environment(), parsed), caller.environment());
    }

    /** Deletes the app's schema; false when there was none. */
    public boolean deleteSchema(Caller caller, String slug) {
        return schemas.delete(caller.orgId(), caller.environment(), slug);
    }

    /** Every config of the account (read-only views, the API's config shape), by app then config id. */
    public List<Map<String, Object>> configsOf(Caller caller, LinkedAccount account) {
        return configs.forAccount(caller.orgId(), caller.environment(), account.id()).stream()
                .map(c -> ConfigView.of(c, schemas.find(caller.orgId(), caller.environment(), c.slug())
                        .orElse(ConfigSchema.empty(c.slug()))).asMap())
                .toList();
    }

    static Map<String, Object> view(ConfigSchema s, Environment environment) {
        return SchemaView.of(s, environment).asMap();
    }
}
