package dev.keybridge.frontdoor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.Catalog;
import dev.keybridge.catalog.Category;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.Errors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v2/public/catalog}: every app the catalogue offers in the caller's environment,
 * enabled or not, with its auth type, logo and whether this environment has it enabled. For operators
 * choosing what to switch on ({@code PUT /api/v2/public/application/{slug}/settings}).
 */
@RestController
class CatalogController {

    @Schema(name = "CatalogEntry")
    record Entry(String slug, String name, String description, String icon,
                 @JsonProperty("auth_type") String authType, boolean enabled, boolean sandbox,
                 @JsonProperty("auth_input_map") List<AppDefinition.InputField> authInputMap,
                 List<String> categories, @JsonProperty("docs_url") @Nullable String docsUrl,
                 @JsonProperty("console_url") @Nullable String consoleUrl) {}

    @Schema(name = "Catalog")
    @JsonPropertyOrder({"environment", "apps"})
    record CatalogResponse(String environment, List<Entry> apps) {}

    private final Catalog catalog;
    private final AppSettings apps;

    CatalogController(Catalog catalog, AppSettings apps) {
        this.catalog = catalog;
        this.apps = apps;
    }

    @Operation(summary = "Browse the app catalogue",
            description = "Server credentials: every app the catalogue offers in this environment, enabled or not, with "
                    + "its auth type, logo and whether it is enabled here.")
    @GetMapping("/api/v2/public/catalog")
    CatalogResponse list(@AuthenticationPrincipal Caller caller,
                         @Parameter(description = "Only apps of this category (crm, payments, health, …)")
                         @RequestParam(required = false) String category) {
        Category only = category == null || category.isBlank() ? null : category(category);
        Set<String> enabled = new HashSet<>();
        apps.enabled(caller.orgId(), caller.environment()).forEach(a -> enabled.add(a.slug()));
        List<Entry> entries = catalog.all().stream()
                .filter(a -> !a.sandbox() || caller.environment() == Environment.TEST)
                .filter(a -> only == null || a.categoryList().contains(only))
                .map(apps::resolve)
                .map(a -> new Entry(a.slug(), a.name(), a.description(), a.icon(), a.authTypeName(),
                        enabled.contains(a.slug()), a.sandbox(), a.inputs(),
                        a.categoryList().stream().map(Category::wire).toList(), a.docsUrl(), a.consoleUrl()))
                .toList();
        return new CatalogResponse(caller.environment().wire(), entries);
    }

    private static Category category(String wire) {
        return Category.find(wire).orElseThrow(() -> new Errors.InvalidRequest("invalid_category",
                "category must be one of " + Arrays.stream(Category.values()).map(Category::wire).toList()));
    }
}
