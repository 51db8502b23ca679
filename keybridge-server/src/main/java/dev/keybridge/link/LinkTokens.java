package dev.keybridge.link;

import dev.keybridge.account.AccountService;
import dev.keybridge.account.LinkedAccount;
import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import dev.keybridge.connector.Scopes;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Link tokens: creating one (a new connection, or update mode for an access token's connection) and
 * opening it (the browser gets a session handle instead). A token may be opened again for its lifetime
 * until a session of it succeeds: each open gives a new handle (the old one stops working), a Link the
 * user closed starts over, one in progress resumes where it was.
 */
@Service
public class LinkTokens {

    public record CreatedToken(String token, Instant expiration, String sessionId) {}

    /** Whom a Link is for and what it may do; {@code scopes}: all the grant is to hold (empty: the app's own). */
    private record Target(LinkSession.Mode mode, String connectionId, String appSlug, LinkedAccount account,
                          String endUserOrgId, List<String> scopes) {}

    private final LinkSessions sessions;
    private final SessionSecrets secrets;
    private final LinkFlow flow;
    private final AppSettings apps;
    private final Connections connections;
    private final AccountService accounts;
    private final LinkSettings linkSettings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final KeybridgeSettings.Link settings;

    LinkTokens(LinkSessions sessions, SessionSecrets secrets, LinkFlow flow, AppSettings apps, Connections connections,
               AccountService accounts, LinkSettings linkSettings, TransactionTemplate tx, Clock clock,
               KeybridgeSettings settings) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.flow = flow;
        this.apps = apps;
        this.connections = connections;
        this.accounts = accounts;
        this.linkSettings = linkSettings;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings.link();
    }

    /**
     * {@code POST /link/token/create}: a link token bound to org, environment and linked account
     * (reusable until a Link with it succeeds).
     */
    public CreatedToken create(Caller caller, String userId, String endUserOrgId, String accessToken, String appSlug,
                               String redirectUri) {
        return create(caller, userId, endUserOrgId, accessToken, appSlug, redirectUri, null);
    }

    /** As above, with the end user's {@code language} (one of {@link LinkLanguages#SUPPORTED}; null: the browser's). */
    public CreatedToken create(Caller caller, String userId, String endUserOrgId, String accessToken, String appSlug,
                               String redirectUri, String language) {
        return create(caller, userId, endUserOrgId, accessToken, appSlug, redirectUri, language, List.of());
    }

    /**
     * As above; in update mode of an OAuth2 connection, {@code scopes} asks for more scopes: Link's authorization
     * request names the union of the connection's scopes and these.
     */
    public CreatedToken create(Caller caller, String userId, String endUserOrgId, String accessToken, String appSlug,
                               String redirectUri, String language, List<String> scopes) {
        if (!scopes.isEmpty() && accessToken == null) {
            throw Errors.invalid("'scopes' asks an existing connection for more scopes: send it with 'access_token' "
                    + "(update mode).");
        }
        if (redirectUri != null && !linkSettings.get(caller.orgId(), caller.environment()).redirectUris().contains(redirectUri)) {
            throw new Errors.InvalidRequest("redirect_uri_not_allowed", "redirect_uri is not on this environment's "
                    + "allow-list. Add it with PUT /api/v2/public/link/settings.");
        }
        Target target = accessToken != null ? update(caller, userId, endUserOrgId, accessToken, appSlug, scopes)
                : create(caller, userId, endUserOrgId, appSlug);
        return insert(caller, target, redirectUri, accessToken, language, Map.of());
    }

    /**
     * A Link at one app for a linked account, begun by the browser SDK ({@code integrate}): {@code fields}
     * (e.g. a subdomain) prefill the forms and are stored with the connection.
     */
    public CreatedToken createForApp(Caller caller, String userId, String appSlug, Map<String, String> fields) {
        return insert(caller, create(caller, userId, null, appSlug), null, null, null, fields);
    }

    /**
     * Update mode for a connection whose access token the caller does not hold (the browser SDK's
     * connect on a live connection, frontdoor): Link asks only for what is missing, the access token
     * stays as it is, and no public token is issued at the end (there is nothing to exchange).
     */
    public CreatedToken createUpdate(Caller caller, Connection c) {
        return createUpdate(caller, c, Map.of());
    }

    /** As above, with connection {@code fields} to store with the repaired connection. */
    public CreatedToken createUpdate(Caller caller, Connection c, Map<String, String> fields) {
        if (c.status() == Connection.Status.DISCONNECTED || !c.orgId().equals(caller.orgId())
                || c.environment() != caller.environment()) {
            throw new Errors.NotFound("connection_not_found", "No such connection in this environment.");
        }
        LinkedAccount account = accounts.get(caller, accounts.externalId(c.linkedAccountId()));
        return insert(caller, new Target(LinkSession.Mode.UPDATE, c.id(), c.appSlug(), account, c.endUserOrgId(), List.of()),
                null, null, null, fields);
    }

    /**
     * A reconnect link an operator makes for one connection (the dashboard): {@link #createUpdate} for the
     * connection with that id in the caller's environment.
     */
    public CreatedToken reconnect(Caller caller, String connectionId) {
        Connection c = connections.find(caller.orgId(), caller.environment(), connectionId)
                .filter(x -> x.status() != Connection.Status.DISCONNECTED)
                .orElseThrow(() -> Errors.notFound("connection", connectionId));
        if (accounts.externalId(c.linkedAccountId()) == null) {
            throw Errors.notFound("connection", connectionId);
        }
        return createUpdate(caller, c);
    }

    /**
     * A reconnect link for the repair inbox: {@link #reconnect} with its own {@code lifetime} (the link token's and
     * its Link session's) and Link's {@code language} (null: the browser's).
     */
    public CreatedToken reconnect(Caller caller, String connectionId, Duration lifetime, String language) {
        CreatedToken made = reconnect(caller, connectionId);
        Instant expires = clock.instant().plus(lifetime);
        sessions.extend(caller.orgId(), made.sessionId(), expires, LinkLanguages.supported(language) ? language : null);
        return new CreatedToken(made.token(), expires, made.sessionId());
    }

    /**
     * A new link token for the Link session {@code sessionId} of the caller's environment, replacing its old one
     * (the repair inbox hands a reconnect link's URL out again this way, as it never stores it); empty when the
     * session is finished, expired or not the caller's.
     */
    public java.util.Optional<CreatedToken> reissue(Caller caller, String sessionId) {
        String token = "lt_" + caller.environment().prefixTag() + "_" + Ids.random(40);
        return sessions.byId(sessionId).filter(s -> s.orgId().equals(caller.orgId()) && s.environment() == caller.environment())
                .filter(s -> sessions.retoken(caller.orgId(), sessionId, Secrets.hash(token), clock.instant()))
                .map(s -> new CreatedToken(token, s.expiresAt(), sessionId));
    }

    private CreatedToken insert(Caller caller, Target target, String redirectUri, String accessToken, String language,
                                Map<String, String> fields) {
        String id = "link_" + Ids.objectId();
        String token = "lt_" + caller.environment().prefixTag() + "_" + Ids.random(40);
        Instant expires = clock.instant().plus(settings.linkTokenTtl());
        tx.executeWithoutResult(s -> {
            sessions.insert(id, caller.orgId(), caller.environment(), target.account().id(), target.endUserOrgId(),
                    target.mode(), target.connectionId(), target.appSlug(), redirectUri, Secrets.hash(token),
                    LinkView.of(target.account().externalId()).json(), expires,
                    LinkLanguages.supported(language) ? language : null, caller.via() == Caller.Via.SESSION_TOKEN);
            if (accessToken != null || !fields.isEmpty()) {
                sessions.seal(id, secrets.seal(id, caller.orgId(), caller.environment(),
                        new SessionSecrets.Secret(null, Map.of(), accessToken, fields, target.scopes())));
            }
        });
        return new CreatedToken(token, expires, id);
    }

    private Target create(Caller caller, String userId, String endUserOrgId, String appSlug) {
        if (userId == null) {
            throw Errors.invalid("'user_id' is required and must be a non-empty string.");
        }
        if (appSlug != null) {
            apps.require(caller.orgId(), caller.environment(), appSlug);
        }
        return new Target(LinkSession.Mode.CREATE, null, appSlug, accounts.findOrCreate(caller, userId), endUserOrgId,
                List.of());
    }

    /** Update mode: the access token's connection, its app, its linked account and the scopes to ask for. */
    private Target update(Caller caller, String userId, String endUserOrgId, String accessToken, String appSlug,
                          List<String> scopes) {
        Connection c = connections.findByAccessToken(caller.orgId(), caller.environment(), accessToken)
                .orElseThrow(() -> new Errors.NotFound("invalid_access_token",
                        "No connection in this environment has that access token."));
        if (c.status() == Connection.Status.DISCONNECTED) {
            throw new Errors.NotFound("invalid_access_token", "This access token's connection was disconnected.");
        }
        if (appSlug != null && !appSlug.equals(c.appSlug())) {
            throw Errors.invalid("In update mode 'app' must be the connection's app ('" + c.appSlug() + "') or absent.");
        }
        LinkedAccount account = accounts.get(caller, accounts.externalId(c.linkedAccountId()));
        if (userId != null && !userId.equals(account.externalId())) {
            throw Errors.invalid("'user_id' does not match the linked account of this access token.");
        }
        return new Target(LinkSession.Mode.UPDATE, c.id(), c.appSlug(), account,
                endUserOrgId == null ? c.endUserOrgId() : endUserOrgId, scopes.isEmpty() ? List.of() : moreScopes(caller, c, scopes));
    }

    /** The connection's scopes (unknown: its app's) and {@code more}; 400 unless the app is an OAuth2 one. */
    private List<String> moreScopes(Caller caller, Connection c, List<String> more) {
        AppDefinition.OAuth2 oauth2 = apps.require(caller.orgId(), caller.environment(), c.appSlug()).oauth2();
        if (oauth2 == null) {
            throw Errors.invalid("'scopes' is only for OAuth2 connections; '" + c.appSlug() + "' has no scopes.");
        }
        return Scopes.union(c.scopes() != null ? c.scopes() : oauth2.scopes(), more);
    }

    /**
     * Where a browser goes when {@code token} cannot be opened by URL ({@code code}: used, expired): its session's
     * {@code redirect_uri} with {@code status=failed} and the {@code error_code}; null when it has none (an unknown token).
     */
    public String redirectOnRefusal(String token, String code) {
        return sessions.byToken(Secrets.hash(token == null ? "" : token)).filter(s -> s.redirectUri() != null)
                .map(s -> LinkFlow.withParam(LinkFlow.withParam(LinkFlow.withParam(s.redirectUri(), "status", "failed"),
                        "error_code", code), "link_session_id", s.id()))
                .orElse(null);
    }

    /** {@code GET /link?token=…}: opens (or opens again) the token's session and gives the browser a new handle. */
    public String open(String token, String origin, String display) {
        byte[] hash = Secrets.hash(token == null ? "" : token);
        if (origin != null && !origin.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
            throw Errors.invalid("The origin parameter must look like https://app.example.com.");
        }
        String handle = "ls_" + Ids.random(40);
        LinkSession first = sessions.open(hash, Secrets.hash(handle), origin, display).orElse(null);
        if (first != null) {
            flow.opened(first, handle, origin);
            return handle;
        }
        LinkSession s = sessions.reopen(hash, Secrets.hash(handle), origin, display).orElseThrow(() -> switch (sessions.whyNot(hash)) {
            case "used" -> new Errors.InvalidRequest("link_token_used",
                    "This Link was already completed: the account is connected. Ask the app for a new link token to link another.");
            case "expired" -> new Errors.InvalidRequest("link_token_expired",
                    "This Link has expired. Ask the app for a new one.");
            default -> new Errors.InvalidRequest("invalid_link_token", "This Link address is not valid.");
        });
        flow.reopened(s, handle, origin);
        return handle;
    }
}
