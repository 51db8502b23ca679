package dev.keybridge.link;

import dev.keybridge.catalog.AppDefinition;
import dev.keybridge.catalog.AppSettings;
import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.connection.Connection;
import dev.keybridge.connection.Connections;
import dev.keybridge.connector.AppConnectors;
import dev.keybridge.connector.Connector;
import dev.keybridge.connector.ConnectorContext;
import dev.keybridge.connector.Step;
import dev.keybridge.connector.Text;
import dev.keybridge.ratelimit.LinkAttempts;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A Link session's steps, as the hosted pages drive them: each request reads the session, asks the
 * app's connector, and applies one {@link LinkEvent} (compare-and-set). The connector decides what
 * each step asks; this class only maps its {@link Step} to the next state and page.
 */
@Service
public class LinkFlow {

    /** What a request leads to: a page to render, or a redirect. */
    public record Outcome(LinkSession session, LinkView view, String redirect, String publicToken, String handle) {}

    private final LinkSessions sessions;
    private final SessionSecrets secrets;
    private final LinkCompletion completion;
    private final LinkSettings linkSettings;
    private final AppSettings apps;
    private final AppConnectors connectors;
    private final Connections connections;
    private final Clock clock;
    private final KeybridgeSettings.Link settings;
    private final LinkAttempts linkAttempts;

    LinkFlow(LinkSessions sessions, SessionSecrets secrets, LinkCompletion completion, LinkSettings linkSettings,
             AppSettings apps, AppConnectors connectors, Connections connections, Clock clock, KeybridgeSettings settings, LinkAttempts linkAttempts) {
        this.linkAttempts = linkAttempts;
        this.sessions = sessions;
        this.secrets = secrets;
        this.completion = completion;
        this.linkSettings = linkSettings;
        this.apps = apps;
        this.connectors = connectors;
        this.connections = connections;
        this.clock = clock;
        this.settings = settings.link();
    }

    /** A link token was just spent for {@code s}: the picker, the app's first step, or a refusal of the embedding origin. */
    void opened(LinkSession s, String handle, String origin) {
        List<String> allowed = linkSettings.get(s.orgId(), s.environment()).allowedOrigins();
        SessionSecrets.Secret sealed = secrets.open(s).forHandle(handle, Map.of());
        if (origin != null && !allowed.isEmpty() && !allowed.contains(origin)) {
            move(s, LinkEvent.FAIL, null, LinkView.of(s).withError("origin_not_allowed",
                    Text.of("error.origin_not_allowed", origin), false), sealed, null);
        } else if (s.appSlug() == null) {
            move(s, LinkEvent.OPEN_PICKER, null, LinkView.of(s), sealed, null);
        } else {
            startApp(s, s.appSlug(), sealed);
        }
    }

    /**
     * The same token opened again with a new handle: a session the user closed (or that failed, unless
     * from too many attempts) starts over; one in progress resumes at its step.
     */
    void reopened(LinkSession s, String handle, String origin) {
        SessionSecrets.Secret old = secrets.open(s);
        SessionSecrets.Secret sealed = old.forHandle(handle, old.state());
        boolean startOver = s.step() == LinkSession.State.EXITED || s.step() == LinkSession.State.FAILED
                && !"too_many_attempts".equals(LinkView.of(s).errorCode());
        if (startOver) {
            move(s, LinkEvent.REOPEN, null, LinkView.of(LinkView.of(s).account()), sealed, null);
            opened(sessions.byId(s.id()).orElseThrow(), handle, origin);
            return;
        }
        sessions.seal(s.id(), secrets.seal(s.id(), s.orgId(), s.environment(), sealed));
        List<String> allowed = linkSettings.get(s.orgId(), s.environment()).allowedOrigins();
        if (origin != null && !allowed.isEmpty() && !allowed.contains(origin) && LinkEvent.FAIL.allowedFrom(s.step())) {
            move(s, LinkEvent.FAIL, null, LinkView.of(s).withError("origin_not_allowed",
                    Text.of("error.origin_not_allowed", origin), false), sealed, null);
        }
    }

    /** What the page shows now. */
    public Outcome current(String handle) {
        LinkSession s = byHandle(handle);
        return new Outcome(s, LinkView.of(s), null, null, handle);
    }

    /**
     * A page view (GET): what the page shows now, with an error to fix shown this once (a reload or
     * back shows the step without it), and the window known to be open.
     */
    public Outcome show(String handle) {
        LinkSession s = byHandle(handle);
        LinkView v = LinkView.of(s);
        if (s.windowClosedAt() != null) {
            sessions.clearWindowClosed(s.id());
        }
        if (v.error() != null && !s.step().terminal()) {
            sessions.replaceView(s.id(), s.stepSeq(), v.withoutError().json());
        }
        return new Outcome(s, v, null, null, handle);
    }

    /** The Link window was closed or left without finishing, or is open again (beacons from the page). */
    public void window(String handle, boolean closed) {
        LinkSession s = byHandle(handle);
        if (!closed) {
            sessions.clearWindowClosed(s.id());
        } else if (!s.step().terminal()) {
            sessions.markWindowClosed(s.id());
        }
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
        startApp(s, slug, secrets.open(s));
        return current(handle);
    }

    /** Back to the picker (not for single-app Links). */
    public Outcome back(String handle) {
        LinkSession s = byHandle(handle);
        if (!s.fixedApp() && LinkEvent.BACK.allowedFrom(s.step())) {
            move(s, LinkEvent.BACK, null, LinkView.of(LinkView.of(s).account()), secrets.open(s), null);
        }
        return current(handle);
    }

    /** A form was submitted: the first form of an app (or "continue" for a redirect), or a challenge's answers. */
    public Outcome submit(String handle, Map<String, String> fields) {
        return submit(handle, fields, null);
    }

    /**
     * A form submitted from the page of step {@code stepSeq}: a form of an earlier step (a reload or
     * back that re-posts it) is not applied and costs no attempt; the page shows the current step.
     */
    public Outcome submit(String handle, Map<String, String> fields, Integer stepSeq) {
        LinkSession s = byHandle(handle);
        if (stepSeq != null && stepSeq != s.stepSeq()) {
            return current(handle);
        }
        if (s.step().terminal()) {
            throw conflict();
        }
        AppDefinition app = apps.require(s.orgId(), s.environment(), s.appSlug() == null ? "" : s.appSlug());
        if (sessions.countAttempt(s.id()) > settings.maxAttempts()) {
            move(s, LinkEvent.FAIL, app.slug(), LinkView.of(LinkView.of(s).account()).withError("too_many_attempts",
                    Text.of("error.too_many_attempts"), false), null, null);
            return current(handle);
        }
        linkAttempts.count(s.orgId(), s.environment().wire(), s.linkedAccountId(), app.slug());   // per login, all sessions
        Connector connector = connectors.of(app);
        SessionSecrets.Secret secret = secrets.open(s);
        String state = Ids.random(40);
        ConnectorContext ctx = connectors.context(s.orgId(), s.environment(), app, state, secret.fields()).withScopes(secret.scopes());
        Step step = switch (s.step()) {
            case FORM, AUTHORIZING -> connector.start(ctx, fields);
            case CHALLENGE -> connector.answer(ctx, secret.state(), fields);
            default -> throw conflict();
        };
        if (step instanceof Step.Redirect r) {
            move(s, LinkEvent.REDIRECT, app.slug(), LinkView.of(s), secret.withState(r.state()), Secrets.hash(state));
            return new Outcome(s, LinkView.of(s), r.location(), null, handle);
        }
        return apply(s, app, connector, step, secret, fields);
    }

    /** The provider sent the browser back. The state is claimed once; a replay or forgery finds nothing. */
    public Outcome callback(Map<String, String> params) {
        String state = params.get("state");
        LinkSession s = sessions.claimOAuthState(Secrets.hash(state == null ? "" : state))
                .orElseThrow(() -> new Errors.InvalidRequest("invalid_oauth_state",
                        "This sign-in response is not valid: it was already used, has expired, or was altered. Start Link again."));
        sessions.clearWindowClosed(s.id());
        AppDefinition app = apps.require(s.orgId(), s.environment(), s.appSlug());
        Connector connector = connectors.of(app);
        SessionSecrets.Secret secret = secrets.open(s);
        Step step = connector.answer(connectors.context(s.orgId(), s.environment(), app, null, secret.fields()),
                secret.state(), params);
        return apply(s, app, connector, step, secret, Map.of());
    }

    public Outcome exit(String handle) {
        LinkSession s = byHandle(handle);
        if (!s.step().terminal()) {
            move(s, LinkEvent.EXIT, s.appSlug(), LinkView.of(s), null, null);
        }
        LinkSession now = byHandle(handle);
        String redirect = now.redirectUri() == null ? null
                : withParam(withParam(withParam(now.redirectUri(), "status", "exited"), "link_session_id", now.id()),
                        "exit_status", LinkStatus.of(now, LinkView.of(now)));
        return new Outcome(now, LinkView.of(now), redirect, null, handle);
    }

    /** The app's first step: its form, or in update mode the smallest step its connector asks for. */
    private void startApp(LinkSession s, String slug, SessionSecrets.Secret secret) {
        AppDefinition app = apps.require(s.orgId(), s.environment(), slug);
        Connector connector = connectors.of(app);
        String account = LinkView.of(s).account();
        Step first = connector.form(app);
        if (s.mode() == LinkSession.Mode.UPDATE) {
            Connection c = connections.find(s.orgId(), s.environment(), s.connectionId()).orElseThrow();
            first = connector.reauthenticate(connectors.context(s.orgId(), s.environment(), app),
                    connections.credentials(c), connections.updateReason(c));
        }
        if (first instanceof Step.Challenge ch) {
            move(s, LinkEvent.ASK, slug, LinkView.challenge(account, ch), secret.withState(ch.state()), null);
        } else {
            Step.Form form = first instanceof Step.Form f ? f : connector.form(app);
            move(s, LinkEvent.SHOW_FORM, slug, LinkView.form(account, form), secret, null);
        }
    }

    private Outcome apply(LinkSession s, AppDefinition app, Connector connector, Step step, SessionSecrets.Secret secret,
                          Map<String, String> submitted) {
        String account = LinkView.of(s).account();
        switch (step) {
            case Step.Challenge ch -> move(s, LinkEvent.ASK, app.slug(), LinkView.challenge(account, ch),
                    secret.withState(ch.state()), null);
            case Step.Form f -> move(s, LinkEvent.SHOW_FORM, app.slug(), LinkView.form(account, f), secret.withState(Map.of()), null);
            case Step.Redirect r -> throw new IllegalStateException("a redirect outside a form's start");
            case Step.Failure f when f.retryable() -> {
                LinkView form = LinkView.form(account, connector.form(app)).prefilled(submitted).withError(f.code(), f.message(), true);
                move(s, LinkEvent.SHOW_FORM, app.slug(), form, secret.withState(Map.of()), null);
            }
            case Step.Failure f -> move(s, LinkEvent.FAIL, app.slug(),
                    LinkView.of(account).withError(f.code(), f.message(), false), null, null);
            case Step.Success ok -> {
                String publicToken = completion.finish(s, app, ok, secret);
                LinkSession done = sessions.byId(s.id()).orElseThrow();
                String redirect = done.redirectUri() == null ? null
                        : withParam(withParam(done.redirectUri(), "public_token", publicToken), "link_session_id", done.id());
                return new Outcome(done, LinkView.of(done), redirect, publicToken, secret.handle());
            }
        }
        LinkSession now = sessions.byId(s.id()).orElseThrow();
        String redirect = now.step() == LinkSession.State.FAILED && now.redirectUri() != null
                ? withParam(withParam(withParam(now.redirectUri(), "status", "failed"), "error_code", LinkView.of(now).errorCode()),
                        "link_session_id", now.id()) : null;
        return new Outcome(now, LinkView.of(now), redirect, null, secret.handle());
    }

    private void move(LinkSession s, LinkEvent event, String slug, LinkView view, SessionSecrets.Secret secret,
                      byte[] oauthState) {
        if (!sessions.move(s.id(), event, s.step(), slug == null && s.fixedApp() ? s.appSlug() : slug, view.json(),
                secrets.seal(s.id(), s.orgId(), s.environment(), secret), oauthState)) {
            throw conflict();
        }
    }

    private LinkSession byHandle(String handle) {
        LinkSession s = sessions.byHandle(Secrets.hash(handle == null ? "" : handle))
                .orElseThrow(() -> new Errors.NotFound("link_session_not_found", "This Link session does not exist."));
        if (s.expiresAt().isBefore(clock.instant()) && !s.step().terminal()) {
            throw new Errors.InvalidRequest("link_session_expired", "This Link session has expired. Ask the app for a new one.");
        }
        return s;
    }

    static Errors.Conflict conflict() {
        return new Errors.Conflict("link_step_conflict",
                "This step was already completed (perhaps in another tab). Reload the page to continue.");
    }

    static String withParam(String uri, String name, String value) {
        if (value == null) {
            return uri;
        }
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        int hash = uri.indexOf('#');
        String base = hash < 0 ? uri : uri.substring(0, hash);
        String fragment = hash < 0 ? "" : uri.substring(hash);
        return base + (base.contains("?") ? "&" : "?") + name + "=" + encoded + fragment;
    }
}
