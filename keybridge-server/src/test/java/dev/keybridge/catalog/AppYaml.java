package dev.keybridge.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Builds one app of an operator catalog file, valid to start with, for tests to break one thing:
 * {@code AppYaml.oauth2("crm").oauth2Field("token_url", null).writeTo(dir)}. A null value leaves the key out.
 */
final class AppYaml {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, Object> oauth2 = new LinkedHashMap<>();

    private AppYaml(String slug, String authType) {
        fields.put("slug", slug);
        fields.put("name", "App " + slug);
        fields.put("auth_type", authType);
    }

    /** An OAuth2 app with its authorize and token URLs. */
    static AppYaml oauth2(String slug) {
        AppYaml app = new AppYaml(slug, "oauth2");
        app.oauth2.put("authorize_url", "https://" + slug + ".example.com/oauth/authorize");
        app.oauth2.put("token_url", "https://" + slug + ".example.com/oauth/token");
        return app;
    }

    /** A key-based app with one password field. */
    static AppYaml keybased(String slug) {
        AppYaml app = new AppYaml(slug, "keybased");
        app.fields.put("auth_input_map", List.of(Map.of("name", "api_key", "type", "password", "required", true)));
        return app;
    }

    /** A credentials app linked by the built-in {@code sandbox-ehr} connector. */
    static AppYaml credentials(String slug) {
        AppYaml app = new AppYaml(slug, "credentials");
        app.fields.put("connector", "sandbox-ehr");
        return app;
    }

    /** An EHR on the SMART on FHIR family: scopes only (its endpoints are discovered), its API the end user's base URL. */
    static AppYaml smart(String slug) {
        AppYaml app = new AppYaml(slug, "smart_on_fhir");
        app.oauth2.put("scopes", List.of("patient/*.read"));
        app.fields.put("api_base_url", "{fhir_base_url}");
        app.fields.put("smart", Map.of("base_url_pattern", "https://fhir\\." + slug + "\\.example\\.com/r4/[a-z0-9]+",
                "base_url_example", "https://fhir." + slug + ".example.com/r4/tenant1"));
        return app;
    }

    /** With what a built-in entry needs beyond its family: category, links, logo, API base and injection. */
    AppYaml complete() {
        boolean smart = "smart_on_fhir".equals(fields.get("auth_type"));
        fields.put("categories", List.of("crm"));
        fields.put("docs_url", "https://docs.example.com/api");
        fields.put("console_url", "https://console.example.com/apps");
        fields.put("icon", "{keybridge}/link/assets/logos/github.svg");
        fields.put("api_base_url", smart ? "{fhir_base_url}" : "https://api.example.com/v1");
        fields.put("inject", Map.of("headers", Map.of("Authorization",
                "Bearer " + ("oauth2".equals(fields.get("auth_type")) || smart ? "{access_token}" : "{api_key}"))));
        return this;
    }

    String slug() {
        return String.valueOf(fields.get("slug"));
    }

    /** Sets (or, with null, removes) a top-level field. */
    AppYaml with(String field, Object value) {
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        return this;
    }

    /** Sets (or, with null, removes) a field of the {@code oauth2} block. */
    AppYaml oauth2Field(String field, Object value) {
        if (value == null) {
            oauth2.remove(field);
        } else {
            oauth2.put(field, value);
        }
        return this;
    }

    /** Leaves the whole {@code oauth2} block out. */
    AppYaml withoutOauth2() {
        oauth2.clear();
        return this;
    }

    String yaml() {
        Map<String, Object> app = new LinkedHashMap<>(fields);
        if (!oauth2.isEmpty()) {
            app.put("oauth2", oauth2);
        }
        return YAML.writeValueAsString(Map.of("apps", List.of(app)));
    }

    /** Writes the catalog file ({@code apps: [this app]}) into {@code dir}. */
    Path writeTo(Path dir) {
        try {
            return Files.writeString(Files.createTempFile(dir, "apps-", ".yaml"), yaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
