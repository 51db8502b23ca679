package dev.keybridge.catalog;

import dev.keybridge.cache.Generation;
import dev.keybridge.cache.ShortLived;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import dev.keybridge.web.Errors;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which apps an organization offers in each environment, and its OAuth client for each. Sandbox
 * apps are on in the test environment unless switched off, and never exist in production; every
 * other app must be enabled (and, for OAuth2, given a client id and secret).
 */
@Service
public class AppSettings {

    /** One row; {@code clientSecretSet} says whether a secret is stored (it is never read back). */
    public record Setting(String slug, boolean enabled, String clientId, boolean clientSecretSet) {}

    /** The OAuth client to use; secret in clear, for the connector only. */
    public record Client(String id, String secret) {
        @Override
        public String toString() {
            return "Client[id=" + id + ", secret=" + (secret == null ? "null" : "***") + "]";
        }
    }

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Catalog catalog;
    private final PublicUrl publicUrl;
    private final Clock clock;

    /** Organizations' OAuth clients, at most {@code KEYBRIDGE_CACHE_TTL} old (a wave of refreshes asks once a second). */
    private final ShortLived<String, Optional<Client>> clients;
    private final Generation clientWrites = new Generation();

    public AppSettings(JdbcClient jdbc, Vault vault, Catalog catalog, PublicUrl publicUrl, Clock clock,
                       KeybridgeSettings settings) {
        this.clock = clock;
        this.clients = new ShortLived<>(settings.cacheTtl(), 10_000, clientWrites, clock);
        this.jdbc = jdbc;
        this.vault = vault;
        this.catalog = catalog;
        this.publicUrl = publicUrl;
    }

    /** The app as this environment may use it, with {@code {keybridge}} resolved; 404 otherwise. */
    public AppDefinition require(String orgId, Environment env, String slug) {
        return enabled(orgId, env).stream().filter(a -> a.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new Errors.NotFound("app_not_found",
                        "No app '" + slug + "' is enabled in this environment."));
    }

    /** The catalog app for settings calls (exists in this environment, enabled or not). */
    public AppDefinition available(Environment env, String slug) {
        AppDefinition app = catalog.find(slug).filter(a -> !a.sandbox() || env == Environment.TEST)
                .orElseThrow(() -> new Errors.NotFound("app_not_found", "No app '" + slug + "' in the catalog"
                        + (env == Environment.PRODUCTION ? " for production" : "") + "."));
        return resolve(app);
    }

    /** The apps enabled in this environment, names in order, URLs resolved. */
    public List<AppDefinition> enabled(String orgId, Environment env) {
        Map<String, Setting> settings = settings(orgId, env).stream()
                .collect(Collectors.toMap(Setting::slug, Function.identity()));
        return catalog.all().stream().filter(a -> {
            Setting s = settings.get(a.slug());
            if (a.sandbox()) {
                return env == Environment.TEST && (s == null || s.enabled());
            }
            return s != null && s.enabled();
        }).map(this::resolve).toList();
    }

    public List<Setting> settings(String orgId, Environment env) {
        return jdbc.sql("select slug, enabled, client_id, client_secret_ciphertext is not null as secret_set "
                        + "from app_setting where org_id = ? and environment = ?")
                .params(orgId, env.wire())
                .query((rs, n) -> new Setting(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    public Optional<Setting> setting(String orgId, Environment env, String slug) {
        return settings(orgId, env).stream().filter(s -> s.slug().equals(slug)).findFirst();
    }

    /**
     * Stores the setting. A null {@code clientId}/{@code clientSecret} keeps what is stored; an empty
     * string removes it.
     */
    public Setting put(String orgId, Environment env, String slug, boolean enabled, String clientId, String clientSecret) {
        byte[] sealed = clientSecret == null || clientSecret.isEmpty() ? null
                : vault.encrypt(clientSecret.getBytes(StandardCharsets.UTF_8), context(orgId, env, slug));
        clientWrites.around(() -> jdbc.sql("""
                        insert into app_setting (org_id, environment, slug, enabled, client_id, client_secret_ciphertext)
                        values (?, ?, ?, ?, nullif(?, ''), ?)
                        on conflict (org_id, environment, slug) do update set enabled = excluded.enabled,
                          client_id = case when ? then app_setting.client_id else excluded.client_id end,
                          client_secret_ciphertext = case when ? then app_setting.client_secret_ciphertext
                                                          else excluded.client_secret_ciphertext end,
                          updated_at = ?""")
                .params(orgId, env.wire(), slug, enabled, clientId, sealed, clientId == null, clientSecret == null,
                        Timestamp.from(clock.instant()))
                .update());
        return setting(orgId, env, slug).orElseThrow();
    }

    /** The OAuth client for the app: the organization's, else a sandbox app's built-in one; null if none. */
    public Client client(String orgId, Environment env, AppDefinition app) {
        return clients.get(orgId + "/" + env.wire() + "/" + app.slug(), () -> Optional.of(Optional.ofNullable(stored(orgId, env, app))))
                .flatMap(Function.identity())
                .orElseGet(() -> app.sandbox() && app.oauth2() != null && app.oauth2().defaultClientId() != null
                        ? new Client(app.oauth2().defaultClientId(), app.oauth2().defaultClientSecret()) : null);
    }

    private Client stored(String orgId, Environment env, AppDefinition app) {
        var row = jdbc.sql("select client_id, client_secret_ciphertext from app_setting "
                        + "where org_id = ? and environment = ? and slug = ?")
                .params(orgId, env.wire(), app.slug())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2)}).optional();
        if (row.isPresent() && row.get()[0] != null) {
            byte[] sealed = (byte[]) row.get()[1];
            String secret = sealed == null ? null
                    : new String(vault.decrypt(sealed, context(orgId, env, app.slug())), StandardCharsets.UTF_8);
            return new Client((String) row.get()[0], secret);
        }
        return null;
    }

    private static byte[] context(String orgId, Environment env, String slug) {
        return Vault.context("app_setting.client_secret", orgId, env.wire(), slug);
    }

    /** For master-key rotation: where these ciphertexts live and how their context is built. */
    @Bean
    static SealedColumn clientSecretColumn() {
        return new SealedColumn("app_setting", "client_secret_ciphertext",
                List.of("org_id", "environment", "slug"), List.of(),
                r -> context(r.string("org_id"), Environment.fromWire(r.string("environment")), r.string("slug")));
    }

    /**
     * The app with {@code {keybridge}} replaced by this server's address: the browser's
     * ({@link PublicUrl#get()}) in what a browser opens (authorize URL, icon), the server's own
     * ({@link PublicUrl#forCalls()}, never taken from the request) in what the server calls (token,
     * revoke and API URLs), so no request header can send a server-side call elsewhere.
     */
    public AppDefinition resolve(AppDefinition a) {
        Map<String, String> browser = Map.of("keybridge", publicUrl.get());
        Map<String, String> calls = Map.of("keybridge", publicUrl.forCalls());
        AppDefinition.OAuth2 o = a.oauth2();
        AppDefinition.OAuth2 oauth = o == null ? null : new AppDefinition.OAuth2(Templates.fill(o.authorizeUrl(), browser),
                Templates.fill(o.tokenUrl(), calls), Templates.fill(o.revokeUrl(), calls), o.scopes(), o.scopeSeparator(),
                o.pkce(), o.tokenAuthMethod(), o.authorizeParams(), o.refreshTokenRotates(), o.defaultClientId(),
                o.defaultClientSecret(), o.refreshTokenLifetimeDays(), o.accessTokenExpires(), o.tokenFields(),
                o.callbackFields(), o.consentLifetimeDays(), o.tokenRequestFormat());
        return new AppDefinition(a.slug(), a.name(), a.description(), Templates.fill(a.icon(), browser), a.authType(),
                a.connector(), oauth, Templates.fill(a.apiBaseUrl(), calls), a.inject(), a.authFailure(), a.authInputMap(),
                a.verification(), a.detect(), a.sandbox(), a.categories(), a.docsUrl(), a.consoleUrl(), a.smart());
    }
}
