package dev.keybridge.userconfig;

import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ErrorAnswers;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The config calls, for the browser SDK ({@code /api/v2/f-sdk/…}, session token: its linked account)
 * and for servers ({@code /api/v2/public/…}, API key or client credentials plus {@code linked_account_id}),
 * in the shapes of wire-formats §2 and §3.
 */
@RestController
class ConfigController {

    private static final String HEADER = "linked_account_id";

    private final ConfigService configs;

    ConfigController(ConfigService configs) {
        this.configs = configs;
    }

    /** Find or create: {@code {slug, config_id?, labels?: [{name, value}]}}. */
    @Operation(summary = "Find or create a user config",
            description = "Finds the linked account's config of the app (`slug`, `config_id`; absent: the default one) or "
                    + "creates it; `labels` replace the options of the label-driven fields. Session token (its linked "
                    + "account) or server credentials with `linked_account_id`.")
    @ErrorAnswers(404)
    @PostMapping({"/api/v2/f-sdk/config", "/api/v2/public/config"})
    ConfigView findOrCreate(@AuthenticationPrincipal Caller caller, @RequestBody ConfigBodies.Find body,
                                     @RequestHeader(name = HEADER, required = false) String account) {
        return configs.findOrCreate(caller,
                ConfigRequests.key(caller, body.slug(), body.configId(), body.linkedAccountId(), account), body.labels());
    }

    /** Update: {@code {slug, config_id?, fields?: {id: value}, workflows?: [{id, enabled, fields}]}}. */
    @Operation(summary = "Update a user config",
            description = "Changes field values and workflows of the linked account's config of the app; every value is "
                    + "checked against the app's config schema. Session token (its linked account) or server "
                    + "credentials with `linked_account_id`.")
    @ErrorAnswers(404)
    @PutMapping({"/api/v2/f-sdk/config", "/api/v2/public/config"})
    ConfigView update(@AuthenticationPrincipal Caller caller, @RequestBody ConfigBodies.Update body,
                               @RequestHeader(name = HEADER, required = false) String account) {
        return configs.update(caller,
                ConfigRequests.key(caller, body.slug(), body.configId(), body.linkedAccountId(), account), body.change());
    }

    @Operation(summary = "Get a user config",
            description = "The linked account's config of the app (by `configId`, or the default one). Session token (its "
                    + "linked account) or server credentials with `linked_account_id`.")
    @GetMapping({"/api/v2/f-sdk/slug/{slug}/config", "/api/v2/f-sdk/slug/{slug}/config/{configId}",
            "/api/v2/public/slug/{slug}/config", "/api/v2/public/slug/{slug}/config/{configId}"})
    ConfigView get(@AuthenticationPrincipal Caller caller, @PathVariable String slug,
                            @PathVariable(required = false) String configId,
                            @RequestHeader(name = HEADER, required = false) String account) {
        return configs.get(caller, ConfigRequests.key(caller, account, slug, configId));
    }

    @Operation(summary = "Delete a user config",
            description = "Deletes the linked account's config of the app (by `configId`, or the default one). Session "
                    + "token (its linked account) or server credentials with `linked_account_id`.")
    @DeleteMapping({"/api/v2/f-sdk/slug/{slug}/config", "/api/v2/f-sdk/slug/{slug}/config/{configId}",
            "/api/v2/public/slug/{slug}/config", "/api/v2/public/slug/{slug}/config/{configId}"})
    ConfigView.Deleted delete(@AuthenticationPrincipal Caller caller, @PathVariable String slug,
                               @PathVariable(required = false) String configId,
                               @RequestHeader(name = HEADER, required = false) String account) {
        return configs.delete(caller, ConfigRequests.key(caller, account, slug, configId));
    }
}
