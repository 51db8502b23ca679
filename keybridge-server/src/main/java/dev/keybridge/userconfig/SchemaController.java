package dev.keybridge.userconfig;

import dev.keybridge.catalog.AppSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.Errors;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's config schemas, per app and environment (server credentials):
 * {@code GET /api/v2/public/config-schema} (apps that have one), {@code GET|PUT|DELETE
 * /api/v2/public/config-schema/{slug}}. Body of PUT: {@code {fields: [...], workflows: [...]}}.
 */
@RestController
class SchemaController {

    private final SchemaStore schemas;
    private final AppSettings apps;

    SchemaController(SchemaStore schemas, AppSettings apps) {
        this.schemas = schemas;
        this.apps = apps;
    }

    @Operation(summary = "List config schemas",
            description = "Server credentials: the apps that have a config schema in this environment.")
    @GetMapping("/api/v2/public/config-schema")
    SchemaView.Slugs list(@AuthenticationPrincipal Caller caller) {
        return new SchemaView.Slugs(schemas.slugs(caller.orgId(), caller.environment()));
    }

    @Operation(summary = "Get an app's config schema",
            description = "Server credentials: the config schema of the app in this environment.")
    @GetMapping("/api/v2/public/config-schema/{slug}")
    SchemaView get(@AuthenticationPrincipal Caller caller, @PathVariable String slug) {
        apps.available(caller.environment(), slug);
        return view(schemas.find(caller.orgId(), caller.environment(), slug).orElseThrow(() -> new Errors.NotFound(
                "config_schema_not_found", "No config schema for '" + slug + "' in this environment.")), caller);
    }

    @Operation(summary = "Set an app's config schema",
            description = "Server credentials: replaces the config schema of the app in this environment (`{fields: [...], "
                    + "workflows: [...]}`).")
    @PutMapping("/api/v2/public/config-schema/{slug}")
    SchemaView put(@AuthenticationPrincipal Caller caller, @PathVariable String slug, @RequestBody ConfigBodies.SchemaPut body) {
        apps.available(caller.environment(), slug);
        ConfigSchema parsed = SchemaParser.parse(slug, body.body());
        return view(schemas.put(caller.orgId(), caller.environment(), parsed), caller);
    }

    @Operation(summary = "Delete an app's config schema",
            description = "Server credentials: removes the config schema of the app in this environment.")
    @DeleteMapping("/api/v2/public/config-schema/{slug}")
    SchemaView.Deleted delete(@AuthenticationPrincipal Caller caller, @PathVariable String slug) {
        if (!schemas.delete(caller.orgId(), caller.environment(), slug)) {
            throw new Errors.NotFound("config_schema_not_found", "No config schema for '" + slug + "' in this environment.");
        }
        return new SchemaView.Deleted(true, slug);
    }

    private static SchemaView view(ConfigSchema s, Caller caller) {
        return SchemaView.of(s, caller.environment());
    }

}
