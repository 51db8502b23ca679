package dev.keybridge.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.ConnectionExpiry;
import dev.keybridge.connection.Connections;
import dev.keybridge.connector.Expiry;
import dev.keybridge.connector.SandboxEhrAccounts;
import dev.keybridge.connector.Scopes;
import dev.keybridge.link.PublicTokens;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.web.ErrorAnswers;
import dev.keybridge.web.Errors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /sandbox/public_token/create}: a sandbox connection made without a browser, returned
 * as a public token to exchange as usual. Test environment only.
 */
@RestController
class SandboxController {

    @Schema(name = "SandboxPublicToken")
    record Created(boolean success, @JsonProperty("public_token") String publicToken) {
        @Override
        public String toString() {
            return "Created[publicToken=<secret>]";
        }
    }

    private final AccountService accounts;
    private final AppSettings apps;
    private final Connections connections;
    private final PublicTokens publicTokens;
    private final SandboxOAuthProvider oauth;
    private final TransactionTemplate tx;
    private final KeybridgeSettings settings;
    private final Clock clock;
    private final ConnectionExpiry expiry;

    SandboxController(AccountService accounts, AppSettings apps, Connections connections, PublicTokens publicTokens,
                      SandboxOAuthProvider oauth, TransactionTemplate tx, KeybridgeSettings settings, Clock clock,
                      ConnectionExpiry expiry) {
        this.expiry = expiry;
        this.clock = clock;
        this.accounts = accounts;
        this.apps = apps;
        this.connections = connections;
        this.publicTokens = publicTokens;
        this.oauth = oauth;
        this.tx = tx;
        this.settings = settings;
    }

    /**
     * Body: {@code linked_account_id} (created if missing), {@code app} (a sandbox app's slug), optional
     * {@code org_id}, and {@code options}: for sandbox-ehr {@code username} (default user_good) and
     * {@code password} (default pass_good); for sandbox-keys {@code api_key} (default key_good).
     */
    @Operation(summary = "Create a sandbox public token",
            description = "Test environment only: a sandbox connection made without a browser, answered as a public token "
                    + "to exchange as usual (`linked_account_id` is created if missing; `app` is a sandbox app).")
    @ErrorAnswers(404)    // an app the environment does not offer
    @PostMapping("/sandbox/public_token/create")
    Created create(@AuthenticationPrincipal Caller caller, @RequestBody SandboxTokenRequest body) {
        if (caller.environment() != Environment.TEST || !settings.sandbox().enabled()) {
            throw new Errors.Forbidden("sandbox_only", "The sandbox works only with test-environment credentials.");
        }
        String accountId = body.linkedAccountId();
        String slug = body.app();
        String endUserOrg = body.orgId();
        SandboxTokenRequest.Options options = body.options();
        AppDefinition app = apps.require(caller.orgId(), caller.environment(), slug);
        if (!app.sandbox()) {
            throw Errors.invalid("'app' must be a sandbox app: sandbox-oauth, sandbox-keys or sandbox-ehr.");
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        Instant expiresAt = null;
        Expiry ends = null;
        String display = null;
        List<String> granted = null;
        switch (slug) {
            case "sandbox-ehr" -> {
                String user = opt(options == null ? null : options.username(), "user_good");
                String password = opt(options == null ? null : options.password(), SandboxEhrAccounts.PASSWORD);
                if (!SandboxEhrAccounts.validLogin(user, password)) {
                    throw new Errors.InvalidRequest("invalid_credentials",
                            "The sandbox EHR refuses that username and password (try user_good / pass_good).");
                }
                credentials.put("username", user);
                credentials.put("password", password);
                display = user;
                ends = SandboxEhrAccounts.passwordExpiry(user, clock.instant(), false);
            }
            case "sandbox-keys" -> {
                String key = opt(options == null ? null : options.apiKey(), SandboxApiController.GOOD_KEY);
                if (!SandboxApiController.validKey(key)) {
                    throw new Errors.InvalidRequest("invalid_credentials", "The sandbox key app accepts key_good and key_expiring.");
                }
                credentials.put("api_key", key);
                if (SandboxApiController.EXPIRING_KEY.equals(key)) {
                    ends = new Expiry(SandboxApiController.expiringKeyEnd(clock), Expiry.KEY);
                }
            }
            case "sandbox-oauth" -> {
                String scope = opt(options == null ? null : options.scope(), app.oauth2().scopeString());
                Map<String, Object> tokens = oauth.grantDirectly(scope);
                tokens.forEach((k, v) -> credentials.put(k, String.valueOf(v)));
                granted = Scopes.parse(credentials.getOrDefault("scope", scope), app.oauth2().scopeSeparator());
                expiresAt = clock.instant().plusSeconds(((Number) tokens.get("expires_in")).longValue());
            }
            default -> throw Errors.invalid("No browserless sandbox flow for '" + slug + "'.");
        }
        LinkedAccount account = accounts.findOrCreate(caller, accountId);
        Instant exp = expiresAt;
        String name = display;
        List<String> scopes = granted;
        Expiry end = ends;
        String publicToken = tx.execute(s -> {
            Connections.Created c = connections.create(caller.orgId(), caller.environment(), account.id(), slug, endUserOrg,
                    credentials, exp, name, scopes);
            expiry.record(c.connection(), end, true);
            return publicTokens.issue(c.connection(), c.accessToken(), true);
        });
        return new Created(true, publicToken);
    }

    private static String opt(String v, String fallback) {
        return v == null ? fallback : v;
    }
}
