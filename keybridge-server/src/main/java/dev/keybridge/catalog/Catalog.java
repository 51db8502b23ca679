package dev.keybridge.catalog;

import dev.keybridge.config.KeybridgeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The app catalog: {@code catalog/apps.yaml} and {@code catalog/apps/*.yaml} (one file per category) from the
 * jar, where a slug may appear once, then the operator's file
 * ({@code KEYBRIDGE_CATALOG_FILE}) whose entries add apps or replace built-in ones with the same slug.
 */
@Component
public class Catalog {

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The YAML document: {@code apps: [...]}. */
    record Document(List<AppDefinition> apps) {}

    private final Map<String, AppDefinition> apps;

    @Autowired
    public Catalog(KeybridgeSettings settings) {
        this(settings.catalogFile());
    }

    /** The built-in catalog plus the operator's file (null for none). */
    public Catalog(Path file) {
        YAMLMapper yaml = YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        Map<String, AppDefinition> all = new LinkedHashMap<>();
        for (Resource r : builtIn()) {
            try (InputStream in = r.getInputStream()) {
                String source = "catalog/" + (r.getFilename() == null ? "apps.yaml" : r.getFilename());
                List<AppDefinition> read = read(yaml, in, source);
                for (AppDefinition a : read) {
                    if (a.slug() != null && all.containsKey(a.slug())) {
                        throw new IllegalStateException(source + ": app '" + a.slug() + "' is declared twice");
                    }
                }
                add(all, read, source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (file != null && !file.toString().isBlank()) {
            try (InputStream in = Files.newInputStream(file)) {
                add(all, read(yaml, in, file.toString()), file.toString());
            } catch (IOException e) {
                throw new IllegalStateException("KEYBRIDGE_CATALOG_FILE " + file + " cannot be read: " + e.getMessage());
            }
        }
        this.apps = Map.copyOf(all);
        log.info("App catalog: {} apps", all.size());
    }

    /** {@code catalog/apps.yaml} (the sandbox and the first apps), then {@code catalog/apps/*.yaml} by file name. */
    static List<Resource> builtIn() {
        try {
            ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(Catalog.class.getClassLoader());
            List<Resource> files = new ArrayList<>();
            files.add(resolver.getResource("classpath:catalog/apps.yaml"));
            Arrays.stream(resolver.getResources("classpath*:catalog/apps/*.yaml"))
                    .sorted(Comparator.comparing(r -> String.valueOf(r.getFilename())))
                    .forEach(files::add);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<AppDefinition> read(YAMLMapper yaml, InputStream in, String source) {
        try {
            Document doc = yaml.readValue(in, Document.class);
            return doc.apps() == null ? List.of() : doc.apps();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The app catalog " + source + " is not valid: " + e.getMessage(), e);
        }
    }

    private static void add(Map<String, AppDefinition> into, List<AppDefinition> apps, String source) {
        for (AppDefinition a : apps) {
            String where = source + ", app '" + a.slug() + "'";
            if (a.slug() == null || !SLUG.matcher(a.slug()).matches()) {
                throw new IllegalStateException(where + ": slug must be lower-case letters, digits and '-'");
            }
            if (a.name() == null || a.authType() == null) {
                throw new IllegalStateException(where + ": name and auth_type are required");
            }
            if (a.authType() == AppDefinition.AuthType.OAUTH2
                    && (a.oauth2() == null || a.oauth2().authorizeUrl() == null || a.oauth2().tokenUrl() == null)) {
                throw new IllegalStateException(where + ": oauth2.authorize_url and oauth2.token_url are required");
            }
            if (a.authType() == AppDefinition.AuthType.KEYBASED && a.inputs().isEmpty()) {
                throw new IllegalStateException(where + ": auth_input_map is required for keybased apps");
            }
            if (a.authType() == AppDefinition.AuthType.CREDENTIALS && (a.connector() == null || a.connector().isBlank())) {
                throw new IllegalStateException(where + ": credentials apps name their connector");
            }
            if (a.authType() == AppDefinition.AuthType.SMART_ON_FHIR) {
                smartRules(a, where);
            }
            Integer lifetime = a.oauth2() == null ? null : a.oauth2().refreshTokenLifetimeDays();
            if (lifetime != null && (lifetime < 1 || lifetime > 3650)) {
                throw new IllegalStateException(where + ": oauth2.refresh_token_lifetime_days must be 1 to 3650");
            }
            for (AppDefinition.InputField f : a.inputs()) {
                if (f.pattern() != null) {
                    try {
                        Pattern.compile(f.pattern());
                    } catch (PatternSyntaxException e) {
                        throw new IllegalStateException(where + ": the pattern of field '" + f.name() + "' is not valid");
                    }
                }
            }
            AppDefinition.OAuth2 o = a.oauth2();
            boolean smart = a.authType() == AppDefinition.AuthType.SMART_ON_FHIR;
            if (o != null && o.tokenAuthMethod() != null
                    && !List.of("client_secret_basic", "client_secret_post").contains(o.tokenAuthMethod())
                    && !(smart && "none".equals(o.tokenAuthMethod()))) {
                throw new IllegalStateException(where + ": oauth2.token_auth_method is client_secret_basic or "
                        + "client_secret_post" + (smart ? " or none" : ""));
            }
            if (o != null && o.tokenRequestFormat() != null && !List.of("form", "json").contains(o.tokenRequestFormat())) {
                throw new IllegalStateException(where + ": oauth2.token_request_format is form or json");
            }
            Integer consent = a.oauth2() == null ? null : a.oauth2().consentLifetimeDays();
            if (consent != null && (consent < 1 || consent > 3650)) {
                throw new IllegalStateException(where + ": oauth2.consent_lifetime_days must be 1 to 3650");
            }
            AppDefinition.ExpiresAt keyExpiry = a.verification() == null ? null : a.verification().expiresAt();
            if (keyExpiry != null && (keyExpiry.header() == null) == (keyExpiry.json() == null)) {
                throw new IllegalStateException(where + ": verification.expires_at names either a header or a json pointer");
            }
            if (!a.sandbox() && a.oauth2() != null && a.oauth2().defaultClientSecret() != null) {
                throw new IllegalStateException(where + ": only sandbox apps may ship a default client");
            }
            into.put(a.slug(), a);
        }
    }

    /**
     * A {@code smart_on_fhir} app: an {@code oauth2} block without endpoints (they are discovered from the end
     * user's FHIR base URL), an {@code api_base_url} that is that base URL, and a base-URL pattern that compiles.
     */
    private static void smartRules(AppDefinition a, String where) {
        if (a.oauth2() == null) {
            throw new IllegalStateException(where + ": smart_on_fhir apps need an oauth2 block (scopes, token_auth_method)");
        }
        if (a.oauth2().authorizeUrl() != null || a.oauth2().tokenUrl() != null) {
            throw new IllegalStateException(where + ": a smart_on_fhir app's endpoints come from the FHIR server's "
                    + ".well-known/smart-configuration: leave oauth2.authorize_url and oauth2.token_url out");
        }
        if (a.apiBaseUrl() == null || !a.apiBaseUrl().startsWith("{fhir_base_url}")) {
            throw new IllegalStateException(where + ": a smart_on_fhir app's api_base_url is {fhir_base_url}");
        }
        if (a.smart() != null && a.smart().baseUrlPattern() != null) {
            try {
                Pattern.compile(a.smart().baseUrlPattern());
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException(where + ": smart.base_url_pattern is not valid");
            }
        }
        if ((a.smart() == null || a.smart().baseUrlPattern() == null) && !"none".equals(a.oauth2().tokenAuthMethod())) {
            // The end user names the server, and the server names its token endpoint: without a pattern, a
            // client secret could be sent anywhere. A public client (PKCE, no secret) is the only safe default.
            throw new IllegalStateException(where + ": a smart_on_fhir app whose base URL no smart.base_url_pattern "
                    + "holds sends no client secret: set oauth2.token_auth_method: none, or a pattern");
        }
    }

    public Optional<AppDefinition> find(String slug) {
        return Optional.ofNullable(slug == null ? null : apps.get(slug));
    }

    public Collection<AppDefinition> all() {
        return apps.values().stream().sorted(Comparator.comparing(AppDefinition::name)).toList();
    }

    /**
     * Apps matching what an end user typed: a login page address or an e-mail (matched by domain),
     * or words of a product name. Best matches first; empty text matches nothing.
     */
    public static List<AppDefinition> detect(Collection<AppDefinition> candidates, String typed) {
        String q = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.of();
        }
        String host = hostOf(q);
        List<AppDefinition> byDomain = new ArrayList<>();
        List<AppDefinition> byName = new ArrayList<>();
        for (AppDefinition a : candidates) {
            if (host != null && a.detect() != null && a.detect().domains() != null
                    && a.detect().domains().stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d))) {
                byDomain.add(a);
            } else if (a.name().toLowerCase(Locale.ROOT).contains(q) || a.slug().contains(q)
                    || a.detect() != null && a.detect().keywords() != null
                    && a.detect().keywords().stream().anyMatch(k -> k.contains(q) || q.contains(k))) {
                byName.add(a);
            }
        }
        byDomain.addAll(byName);
        return byDomain;
    }

    /** The host in "https://login.x.com/path", "user@x.com" or "x.com"; null for plain words. */
    static String hostOf(String q) {
        String s = q;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int end = s.length();
        for (char c : new char[] {'/', '?', '#', ':'}) {
            int i = s.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        s = s.substring(0, end);
        return s.contains(".") && !s.contains(" ") ? s : null;
    }
}
