package dev.keybridge.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.catalog.PublicUrl;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import dev.keybridge.connector.Connector;
import dev.keybridge.connector.ConnectorContext;
import dev.keybridge.connector.Connectors;
import dev.keybridge.connector.Step;
import dev.keybridge.egress.Egress;
import dev.keybridge.health.ConnectionHealth;
import dev.keybridge.ratelimit.LinkAttempts;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Environment;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.vault.Vault;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import dev.keybridge.web.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Link: link tokens, the session state machine ({@link LinkSession.State}) and finishing a flow
 * into a connection and a public token. Pages call it; it calls connectors.
 */
@Service
public class LinkService {

    private static final Logger log = LoggerFactory.getLogger(LinkService.class);

    /** What the page shows (stored as the session's {@code view}; never secret). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(String account, String title, String prompt, List<Step.Field> fields, String error,
                String errorCode, Boolean retryable) {
        static View of(String account) {
            return new View(account, null, null, null, null, null, null);
        }

        View withError(String code, String message, boolean canRetry) {
            return new View(account, title, prompt, fields, message, code, canRetry);
        }
    }

    /** What is sealed in the session: the browser handle, the connector's state, the access token (update mode). */
    record Secret(String handle, Map<String, String> state, String accessToken) {
        Secret {
            state = state == null ? Map.of() : state;
        }
    }

    /** What a request leads to: a page to render, or a redirect. */
    public record Outcome(LinkSession session, View view, String redirect, String publicToken, String handle) {}

    public record CreatedToken(String token, Instant expiration) {}

    private final LinkSessions sessions;
    private final AppSettings apps;
    private final Connectors connectors;
    private final Connections connections;
    private final PublicTokens publicTokens;
    private final AccountService accounts;
    private final LinkSettings linkSettings;
    private final Vault vault;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final PublicUrl publicUrl;
    private final KeybridgeSettings.Link settings;
    private final ConnectionHealth health;
    private final LinkAttempts linkAttempts;
    private final Egress egress;

    LinkService(LinkSessions sessions, AppSettings apps, Connectors connectors, Connections connections,
                PublicTokens publicTokens, AccountService accounts, LinkSettings linkSettings, Vault vault,
                TransactionTemplate tx, JsonMapper json, PublicUrl publicUrl, KeybridgeSettings settings,
                ConnectionHealth health, LinkAttempts linkAttempts, Egress egress) {
        this.egress = egress;
        this.linkAttempts = linkAttempts;
        this.health = health;
        this.sessions = sessions;
        this.apps = apps;
        this.connectors = connectors;
        this.connections = connections;
        this.publicTokens = publicTokens;
        this.accounts = accounts;
        this.linkSettings = linkSettings;
        this.vault = vault;
        this.tx = tx;
        this.json = json;
        this.publicUrl = publicUrl;
        this.settings = settings.link();
    }

    // ------------------------------------------------------------------ link tokens

    /** {@code POST /link/token/create}: a single-use link token bound to org, environment and linked account. */
    public CreatedToken createToken(Caller caller, String userId, String endUserOrgId, String accessToken, String appSlug,
                                    String redirectUri) {
        if (redirectUri != null && !linkSettings.get(caller.orgId(), caller.environment()).redirectUris().contains(redirectUri)) {
            throw new Errors.InvalidRequest("redirect_uri_not_allowed", "redirect_uri is not on this environment's "
                    + "allow-list. Add it with PUT /api/v2/public/link/settings.");
        }
        LinkSession.Mode mode = LinkSession.Mode.CREATE;
        String connectionId = null;
        String accountId;
        String accountExternal;
        if (accessToken != null) {
            Connection c = connections.findByAccessToken(caller.orgId(), caller.environment(), accessToken)
                    .orElseThrow(() -> new Errors.NotFound("invalid_access_token",
                            "No connection in this environment has that access token."));
            if (c.status() == Connection.Status.DISCONNECTED) {
                throw new Errors.NotFound("invalid_access_token", "This access token's connection was disconnected.");
            }
            if (appSlug != null && !appSlug.equals(c.appSlug())) {
                throw Errors.invalid("In update mode 'app' must be the connection's app ('" + c.appSlug() + "') or absent.");
            }
            LinkedAccount account = accounts.get(caller, externalIdOf(c));
            if (userId != null && !userId.equals(account.externalId())) {
                throw Errors.invalid("'user_id' does not match the linked account of this access token.");
            }
            mode = LinkSession.Mode.UPDATE;
            connectionId = c.id();
            appSlug = c.appSlug();
            accountId = account.id();
            accountExternal = account.externalId();
            endUserOrgId = endUserOrgId == null ? c.endUserOrgId() : endUserOrgId;
        } else {
            if (userId == null) {
                throw Errors.invalid("'user_id' is required and must be a non-empty string.");
            }
            if (appSlug != null) {
                apps.require(caller.orgId(), caller.environment(), appSlug);
            }
            LinkedAccount account = accounts.findOrCreate(caller, userId);
            accountId = account.id();
            accountExternal = account.externalId();
        }
        String id = "link_" + Ids.objectId();
        String token = "lt_" + caller.environment().prefixTag() + "_" + Ids.random(40);
        Instant expires = Timestamps.now().plus(settings.linkTokenTtl());
        String view = json.writeValueAsString(View.of(accountExternal));
        String at = accessToken;
        String slug = appSlug;
        String cid = connectionId;
        LinkSession.Mode m = mode;
        String endUserOrg = endUserOrgId;
        tx.executeWithoutResult(s -> {
            sessions.insert(id, caller.orgId(), caller.environment(), accountId, endUserOrg, m, cid, slug,
                    redirectUri, Secrets.hash(token), view, expires);
            if (at != null) {
                jdbcSeal(id, caller.orgId(), caller.environment(), new Secret(null, Map.of(), at));
            }
        });
        return new CreatedToken(token, expires);
    }

    /** {@code GET /link?token=…}: spends the token and gives the browser a session handle. */
    public String open(String token, String origin, String display) {
        byte[] hash = Secrets.hash(token == null ? "" : token);
        if (origin != null) {
            if (!origin.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
                throw Errors.invalid("The origin parameter must look like https://app.example.com.");
            }
        }
        String handle = "ls_" + Ids.random(40);
        LinkSession s = sessions.open(hash, Secrets.hash(handle), origin, display).orElseThrow(() -> switch (sessions.whyNot(hash)) {
            case "used" -> new Errors.InvalidRequest("link_token_used",
                    "This Link has already been opened. Each link token works once: ask the app for a new one.");
            case "expired" -> new Errors.InvalidRequest("link_token_expired",
                    "This Link has expired. Ask the app for a new one.");
            default -> new Errors.InvalidRequest("invalid_link_token", "This Link address is not valid.");
        });
        List<String> allowed = linkSettings.get(s.orgId(), s.environment()).allowedOrigins();
        Secret previous = secret(s);
        Secret sealed = new Secret(handle, Map.of(), previous == null ? null : previous.accessToken());
        if (origin != null && !allowed.isEmpty() && !allowed.contains(origin)) {
            move(s, LinkSession.State.FAILED, null, view(s).withError("origin_not_allowed",
                    "This page may not be embedded by " + origin + ".", false), sealed, null);
            return handle;
        }
        if (s.appSlug() == null) {
            move(s, LinkSession.State.PICKING, null, view(s), sealed, null);
        } else {
            startApp(s, LinkSession.State.CREATED, s.appSlug(), sealed);
        }
        return handle;
    }

    // ------------------------------------------------------------------ pages

    public Outcome current(String handle) {
        LinkSession s = byHandle(handle);
        return new Outcome(s, view(s), null, null, handle);
    }

    /** The picker chose an app. */
    public Outcome select(String handle, String slug) {
        LinkSession s = byHandle(handle);
        if (s.fixedApp()) {
            throw Errors.invalid("This Link is for one app only.");
        }
        if (s.step() != LinkSession.State.PICKING && s.step() != LinkSession.State.FORM) {
            throw conflict();
        }
        apps.require(s.orgId(), s.environment(), slug);
        startApp(s, s.step(), slug, secret(s));
        return current(handle);
    }

    /** Back to the picker (not for single-app Links). */
    public Outcome back(String handle) {
        LinkSession s = byHandle(handle);
        if (!s.fixedApp() && s.step().next().contains(LinkSession.State.PICKING)) {
            move(s, LinkSession.State.PICKING, null, View.of(view(s).account()), secret(s), null);
        }
        return current(handle);
    }

    /** A form was submitted: the first form of an app (or "continue" for OAuth2), or a challenge's answers. */
    public Outcome submit(String handle, Map<String, String> fields) {
        LinkSession s = byHandle(handle);
        if (s.step().terminal()) {
            throw conflict();
        }
        AppDefinition app = apps.require(s.orgId(), s.environment(), s.appSlug() == null ? "" : s.appSlug());
        if (sessions.countAttempt(s.id()) > settings.maxAttempts()) {
            move(s, LinkSession.State.FAILED, app.slug(), View.of(view(s).account()).withError("too_many_attempts",
                    "Too many attempts. Close this window and start again from the app.", false), null, null);
            return current(handle);
        }
        linkAttempts.count(s.orgId(), s.environment().wire(), s.linkedAccountId(), app.slug());
        Connector connector = connector(app);
        ConnectorContext ctx = context(s, app);
        Secret secret = secret(s);
        Step step;
        switch (s.step()) {
            case FORM, AUTHORIZING -> {
                if (app.authType() == AppDefinition.AuthType.OAUTH2) {
                    String state = Ids.random(40);
                    step = connector.start(ctx, Map.of("state", state));
                    if (step instanceof Step.Redirect r) {
                        Secret next = new Secret(secret.handle(), r.state(), secret.accessToken());
                        move(s, LinkSession.State.AUTHORIZING, app.slug(), view(s), next, Secrets.hash(state));
                        return new Outcome(s, view(s), r.location(), null, handle);
                    }
                } else {
                    step = connector.start(ctx, fields);
                }
            }
            case CHALLENGE -> step = connector.answer(ctx, secret.state(), fields);
            default -> throw conflict();
        }
        return apply(s, app, step, secret, fields);
    }

    /** The OAuth2 provider sent the browser back. The state is claimed once; a replay or forgery finds nothing. */
    public Outcome callback(Map<String, String> params) {
        String state = params.get("state");
        LinkSession s = sessions.claimOAuthState(Secrets.hash(state == null ? "" : state))
                .orElseThrow(() -> new Errors.InvalidRequest("invalid_oauth_state",
                        "This sign-in response is not valid: it was already used, has expired, or was altered. Start Link again."));
        AppDefinition app = apps.require(s.orgId(), s.environment(), s.appSlug());
        Secret secret = secret(s);
        Step step = connector(app).answer(context(s, app), secret.state(), params);
        return apply(s, app, step, secret, Map.of());
    }

    public Outcome exit(String handle) {
        LinkSession s = byHandle(handle);
        if (!s.step().terminal()) {
            move(s, LinkSession.State.EXITED, s.appSlug(), view(s), null, null);
        }
        LinkSession now = byHandle(handle);
        String redirect = now.redirectUri() == null ? null : withParam(now.redirectUri(), "status", "exited");
        return new Outcome(now, view(now), redirect, null, handle);
    }

    /** The result of a Link for the page that opened it, by link token. */
    public record Result(LinkSession session, String publicToken) {}

    /**
     * {@code GET /link/result?token=lt_…}: how the flow ended, with the public token at most once.
     * For embedding pages whose popup lost {@code window.opener} (providers that send
     * Cross-Origin-Opener-Policy cut it), so postMessage could not reach them.
     */
    public Result result(String token) {
        Object[] row = sessions.takeResult(Secrets.hash(token == null ? "" : token))
                .orElseThrow(() -> new Errors.NotFound("invalid_link_token", "No Link was made with this token."));
        LinkSession s = sessions.byId((String) row[0]).orElseThrow();
        byte[] sealed = (byte[]) row[1];
        String publicToken = sealed == null ? null
                : new String(vault.decrypt(sealed, resultContext(s.id(), s.orgId(), s.environment())), StandardCharsets.UTF_8);
        return new Result(s, publicToken);
    }

    static byte[] resultContext(String sessionId, String orgId, Environment env) {
        return Vault.context("link_session.result", orgId, env.wire(), sessionId);
    }

    // ------------------------------------------------------------------ the machine

    private void startApp(LinkSession s, LinkSession.State from, String slug, Secret secret) {
        AppDefinition app = apps.require(s.orgId(), s.environment(), slug);
        String account = view(s).account();
        if (s.mode() == LinkSession.Mode.UPDATE && app.authType() == AppDefinition.AuthType.CREDENTIALS) {
            Connection c = connections.find(s.orgId(), s.environment(), s.connectionId()).orElseThrow();
            Step step = connector(app).reauthenticate(context(s, app), connections.credentials(c), c.statusReason());
            if (step instanceof Step.Challenge ch) {
                move(s, from, LinkSession.State.CHALLENGE, slug,
                        new View(account, ch.title(), ch.prompt(), ch.fields(), ch.error(), null, null),
                        new Secret(secret.handle(), ch.state(), secret.accessToken()), null);
                return;
            }
        }
        move(s, from, LinkSession.State.FORM, slug, formView(account, app), secret, null);
    }

    private Outcome apply(LinkSession s, AppDefinition app, Step step, Secret secret, Map<String, String> submitted) {
        String account = view(s).account();
        LinkSession.State from = s.step();
        switch (step) {
            case Step.Challenge ch -> move(s, from, LinkSession.State.CHALLENGE, app.slug(),
                    new View(account, ch.title(), ch.prompt(), ch.fields(), ch.error(), null, null),
                    new Secret(secret.handle(), ch.state(), secret.accessToken()), null);
            case Step.Redirect r -> throw new IllegalStateException("a redirect outside the OAuth2 start");
            case Step.Failure f when f.retryable() -> {
                View form = prefilled(formView(account, app), submitted).withError(f.code(), f.message(), true);
                move(s, from, LinkSession.State.FORM, app.slug(), form, new Secret(secret.handle(), Map.of(), secret.accessToken()), null);
            }
            case Step.Failure f -> move(s, from, LinkSession.State.FAILED, app.slug(),
                    View.of(account).withError(f.code(), f.message(), false), null, null);
            case Step.Success ok -> {
                String publicToken = finish(s, from, app, ok, secret);
                LinkSession done = sessions.byId(s.id()).orElseThrow();
                String redirect = done.redirectUri() == null ? null : withParam(done.redirectUri(), "public_token", publicToken);
                return new Outcome(done, view(done), redirect, publicToken, secret.handle());
            }
        }
        LinkSession now = sessions.byId(s.id()).orElseThrow();
        String redirect = now.step() == LinkSession.State.FAILED && now.redirectUri() != null
                ? withParam(withParam(now.redirectUri(), "status", "failed"), "error_code", view(now).errorCode()) : null;
        return new Outcome(now, view(now), redirect, null, secret.handle());
    }

    /** Writes the connection (new, or repaired in update mode) and its public token in one transaction. */
    private String finish(LinkSession s, LinkSession.State from, AppDefinition app, Step.Success ok, Secret secret) {
        return tx.execute(status -> {
            String publicToken;
            if (s.mode() == LinkSession.Mode.UPDATE) {
                Connection c = connections.find(s.orgId(), s.environment(), s.connectionId()).orElseThrow();
                connections.replaceCredentials(c, c.credentialVersion(), ok.credentials(), ok.expiresAt());
                if (!health.repaired(c)) {
                    // A healthy connection whose user re-entered credentials voluntarily: no state change.
                    log.info("Link {} refreshed the credentials of healthy connection {}", s.id(), c.id());
                }
                publicToken = publicTokens.issue(c, secret.accessToken(), false);
            } else {
                Connections.Created created = connections.create(s.orgId(), s.environment(), s.linkedAccountId(),
                        app.slug(), s.endUserOrgId(), ok.credentials(), ok.expiresAt(), ok.displayName());
                publicToken = publicTokens.issue(created.connection(), created.accessToken(), true);
            }
            if (!sessions.move(s.id(), from, LinkSession.State.SUCCEEDED, app.slug(),
                    json.writeValueAsString(View.of(view(s).account())), null, null)) {
                throw conflict();
            }
            if (s.embedOrigin() != null) {
                sessions.storeResult(s.id(), vault.encrypt(publicToken.getBytes(StandardCharsets.UTF_8),
                        resultContext(s.id(), s.orgId(), s.environment())));
            }
            log.info("Link {} finished for app {} ({})", s.id(), app.slug(), s.mode());
            return publicToken;
        });
    }

    private void move(LinkSession s, LinkSession.State to, String slug, View view, Secret secret, byte[] oauthState) {
        move(s, s.step(), to, slug, view, secret, oauthState);
    }

    private void move(LinkSession s, LinkSession.State from, LinkSession.State to, String slug, View view, Secret secret,
                      byte[] oauthState) {
        byte[] sealed = secret == null ? null : seal(s.id(), s.orgId(), s.environment(), secret);
        if (!sessions.move(s.id(), from, to, slug == null && s.fixedApp() ? s.appSlug() : slug,
                json.writeValueAsString(view), sealed, oauthState)) {
            throw conflict();
        }
    }

    /** The form again with what the user typed, except secrets, so a retry only needs the secret. */
    private static View prefilled(View form, Map<String, String> submitted) {
        if (form.fields() == null || submitted.isEmpty()) {
            return form;
        }
        List<Step.Field> fields = form.fields().stream().map(f -> f.type().equals("password") || f.readOnly()
                || !submitted.containsKey(f.name()) ? f
                : new Step.Field(f.name(), f.type(), f.label(), f.required(), f.placeholder(), f.options(),
                        submitted.get(f.name()), false)).toList();
        return new View(form.account(), form.title(), form.prompt(), fields, form.error(), form.errorCode(), form.retryable());
    }

    private View formView(String account, AppDefinition app) {
        return switch (app.authType()) {
            case OAUTH2 -> new View(account, "Connect " + app.name(), "You will sign in at " + app.name()
                    + " and come back here.", List.of(), null, null, null);
            case KEYBASED -> new View(account, "Connect " + app.name(), "Enter the details from your " + app.name() + " account.",
                    app.inputs().stream().map(f -> new Step.Field(f.name(), f.type() == null ? "text" : f.type(),
                            f.label() == null ? f.name() : f.label(), f.required(), f.placeholder(), List.of(), null, false)).toList(),
                    null, null, null);
            case CREDENTIALS -> new View(account, "Sign in to " + app.name(), "Use the username and password you use at "
                    + app.name() + ".", List.of(Step.Field.text("username", "Username"), Step.Field.password("password", "Password")),
                    null, null, null);
        };
    }

    // ------------------------------------------------------------------ helpers

    Connector connector(AppDefinition app) {
        return connectors.find(app.connectorName()).orElseThrow(() -> new Errors.Unavailable("connector_missing",
                "The connector '" + app.connectorName() + "' for " + app.name() + " is not installed.", null));
    }

    ConnectorContext context(LinkSession s, AppDefinition app) {
        AppSettings.Client client = app.authType() == AppDefinition.AuthType.OAUTH2 ? apps.client(s.orgId(), s.environment(), app) : null;
        return new ConnectorContext(app, client == null ? null : client.id(), client == null ? null : client.secret(),
                publicUrl.get() + "/link/oauth/callback", egress.client(Egress.Purpose.PROVIDER, s.environment()),
                settings.upstreamTimeout());
    }

    private LinkSession byHandle(String handle) {
        LinkSession s = sessions.byHandle(Secrets.hash(handle == null ? "" : handle))
                .orElseThrow(() -> new Errors.NotFound("link_session_not_found", "This Link session does not exist."));
        if (s.expiresAt().isBefore(Instant.now()) && !s.step().terminal()) {
            throw new Errors.InvalidRequest("link_session_expired", "This Link session has expired. Ask the app for a new one.");
        }
        return s;
    }

    View view(LinkSession s) {
        return json.readValue(s.viewJson(), View.class);
    }

    private Secret secret(LinkSession s) {
        if (s.secret() == null) {
            return new Secret(null, Map.of(), null);
        }
        byte[] plain = vault.decrypt(s.secret(), context(s.id(), s.orgId(), s.environment()));
        return json.readValue(plain, Secret.class);
    }

    private byte[] seal(String id, String orgId, Environment env, Secret secret) {
        return vault.encrypt(json.writeValueAsBytes(secret), context(id, orgId, env));
    }

    private void jdbcSeal(String id, String orgId, Environment env, Secret secret) {
        sessions.seal(id, seal(id, orgId, env, secret));
    }

    static byte[] context(String sessionId, String orgId, Environment env) {
        return Vault.context("link_session.secret", orgId, env.wire(), sessionId);
    }

    private String externalIdOf(Connection c) {
        return sessions.externalAccountId(c.linkedAccountId());
    }

    private static Errors.Conflict conflict() {
        return new Errors.Conflict("link_step_conflict",
                "This step was already completed (perhaps in another tab). Reload the page to continue.");
    }

    static String withParam(String uri, String name, String value) {
        if (value == null) {
            return uri;
        }
        String encoded = java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
        int hash = uri.indexOf('#');
        String base = hash < 0 ? uri : uri.substring(0, hash);
        String fragment = hash < 0 ? "" : uri.substring(hash);
        return base + (base.contains("?") ? "&" : "?") + name + "=" + encoded + fragment;
    }

}
