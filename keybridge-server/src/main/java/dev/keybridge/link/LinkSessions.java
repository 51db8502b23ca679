package dev.keybridge.link;

import dev.keybridge.tenancy.Environment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Link sessions in PostgreSQL. Every state change is a compare-and-set on the current step. */
@Repository
class LinkSessions {

    /** A link token's session id and its sealed result (null when there is none, or it was taken already). */
    record TakenResult(String sessionId, byte[] sealed) {}

    private static final String COLUMNS = """
            id, org_id, environment, linked_account_id, end_user_org_id, mode, connection_id, app_slug, fixed_app,
            redirect_uri, embed_origin, display, step, view::text as view, secret_ciphertext, expires_at, opened_at, frontend,
            language, step_seq, window_closed_at""";

    private final JdbcClient jdbc;
    private final Clock clock;

    LinkSessions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void insert(String id, String orgId, Environment env, String linkedAccountId, String endUserOrgId,
                LinkSession.Mode mode, String connectionId, String appSlug, String redirectUri, byte[] tokenHash,
                String viewJson, Instant expiresAt, String language, boolean frontend) {
        jdbc.sql("""
                        insert into link_session (id, org_id, environment, linked_account_id, end_user_org_id, token_hash,
                          mode, connection_id, app_slug, fixed_app, redirect_uri, step, view, expires_at, language, frontend)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'created', cast(? as jsonb), ?, ?, ?)""")
                .params(id, orgId, env.wire(), linkedAccountId, endUserOrgId, tokenHash, mode.name().toLowerCase(),
                        connectionId, appSlug, appSlug != null, redirectUri, viewJson, Timestamp.from(expiresAt), language,
                        frontend)
                .update();
    }

    /** Spends the link token: only the first open of an unexpired token gets the session. */
    Optional<LinkSession> open(byte[] tokenHash, byte[] handleHash, String origin, String display) {
        Timestamp now = now();
        return jdbc.sql("update link_session set opened_at = ?, handle_hash = ?, embed_origin = ?, display = ? "
                        + "where token_hash = ? and opened_at is null and expires_at > ? returning " + COLUMNS)
                .params(now, handleHash, origin, display, tokenHash, now).query(this::row).optional();
    }

    /**
     * Opens an already opened token again (the user closed Link, or a webview came back): a new
     * browser handle replaces the old one. Not once a session of the token succeeded, nor after expiry.
     */
    Optional<LinkSession> reopen(byte[] tokenHash, byte[] handleHash, String origin, String display) {
        Timestamp now = now();
        return jdbc.sql("update link_session set handle_hash = ?, embed_origin = ?, display = ?, window_closed_at = null "
                        + "where token_hash = ? and opened_at is not null and step <> 'succeeded' and expires_at > ? "
                        + "returning " + COLUMNS)
                .params(handleHash, origin, display, tokenHash, now).query(this::row).optional();
    }

    /** Why a token did not open: "used" (its session succeeded), "expired" or "unknown". */
    String whyNot(byte[] tokenHash) {
        return jdbc.sql("select case when step = 'succeeded' then 'used' when expires_at <= ? then 'expired' "
                        + "else 'unknown' end from link_session where token_hash = ?")
                .params(now(), tokenHash).query(String.class).optional().orElse("unknown");
    }

    Optional<LinkSession> byHandle(byte[] handleHash) {
        return jdbc.sql("select " + COLUMNS + " from link_session where handle_hash = ?")
                .param(handleHash).query(this::row).optional();
    }

    Optional<LinkSession> byToken(byte[] tokenHash) {
        return jdbc.sql("select " + COLUMNS + " from link_session where token_hash = ?").param(tokenHash).query(this::row)
                .optional();
    }

    /** A new link token for an unfinished, unexpired session (the old one stops working); false when finished. */
    boolean retoken(String orgId, String id, byte[] tokenHash, Instant now) {
        return jdbc.sql("update link_session set token_hash = ? where id = ? and org_id = ? and step <> 'succeeded' "
                        + "and expires_at > ?")
                .params(tokenHash, id, orgId, Timestamp.from(now)).update() == 1;
    }

    /** A repair-inbox link: its own lifetime and language, set right after it was made. */
    void extend(String orgId, String id, Instant expiresAt, String language) {
        jdbc.sql("update link_session set expires_at = ?, language = coalesce(?, language) where id = ? and org_id = ?")
                .params(Timestamp.from(expiresAt), language, id, orgId).update();
    }

    Optional<LinkSession> byId(String id) {
        return jdbc.sql("select " + COLUMNS + " from link_session where id = ?").param(id).query(this::row).optional();
    }

    /** Claims an OAuth2 callback: the state matches once, while the session is authorizing and unexpired. */
    Optional<LinkSession> claimOAuthState(byte[] stateHash) {
        return jdbc.sql("update link_session set oauth_state_hash = null where oauth_state_hash = ? "
                        + "and step = 'authorizing' and expires_at > ? returning " + COLUMNS)
                .params(stateHash, now()).query(this::row).optional();
    }

    /**
     * Applies {@code event} to a session in {@code from}, with a new view, secret, app and OAuth state;
     * false when the session was no longer in {@code from} (a double submit, a replay).
     */
    boolean move(String id, LinkEvent event, LinkSession.State from, String appSlug, String viewJson,
                 byte[] secret, byte[] oauthStateHash) {
        if (!event.allowedFrom(from)) {
            throw new IllegalStateException("Link cannot " + event + " from " + from);
        }
        LinkSession.State to = event.to();
        Timestamp now = now();
        return jdbc.sql("""
                        update link_session set step = ?, app_slug = ?, view = cast(? as jsonb), secret_ciphertext = ?,
                          oauth_state_hash = ?, step_seq = step_seq + 1, finished_at = case when ? then cast(? as timestamptz) else finished_at end
                        where id = ? and step = ? and expires_at > ?""")
                .params(to.wire(), appSlug, viewJson, secret, oauthStateHash, to.terminal(), now, id, from.wire(), now)
                .update() == 1;
    }

    private LinkSession row(ResultSet rs, int n) throws SQLException {
        Timestamp opened = rs.getTimestamp("opened_at");
        return new LinkSession(rs.getString("id"), rs.getString("org_id"), Environment.fromWire(rs.getString("environment")),
                rs.getString("linked_account_id"), rs.getString("end_user_org_id"),
                LinkSession.Mode.valueOf(rs.getString("mode").toUpperCase()), rs.getString("connection_id"),
                rs.getString("app_slug"), rs.getBoolean("fixed_app"), rs.getString("redirect_uri"),
                rs.getString("embed_origin"), rs.getString("display"), LinkSession.State.fromWire(rs.getString("step")),
                rs.getString("view"), rs.getBytes("secret_ciphertext"), rs.getTimestamp("expires_at").toInstant(),
                opened == null ? null : opened.toInstant(), rs.getBoolean("frontend"), rs.getString("language"), rs.getInt("step_seq"),
                rs.getTimestamp("window_closed_at") == null ? null : rs.getTimestamp("window_closed_at").toInstant());
    }

    /** Replaces the view of a session still at step {@code seq} (an error shown once is cleared). */
    void replaceView(String id, int seq, String viewJson) {
        jdbc.sql("update link_session set view = cast(? as jsonb) where id = ? and step_seq = ?")
                .params(viewJson, id, seq).update();
    }

    /** The Link window was closed (or left) without finishing: the host learns it when it asks for the result. */
    void markWindowClosed(String id) {
        jdbc.sql("update link_session set window_closed_at = ? where id = ?").params(now(), id).update();
    }

    /** A Link page was shown again (a reload): the window is open. */
    void clearWindowClosed(String id) {
        jdbc.sql("update link_session set window_closed_at = null where id = ? and window_closed_at is not null")
                .param(id).update();
    }

    /** Keeps the sealed public token for an embedding page that lost its window.opener (see {@link #takeResult}). */
    void storeResult(String id, byte[] sealed) {
        jdbc.sql("update link_session set result_ciphertext = ? where id = ?").params(sealed, id).update();
    }

    /** The session of a link token, with its sealed result handed out at most once (then cleared). */
    Optional<TakenResult> takeResult(byte[] tokenHash) {
        return jdbc.sql("""
                        update link_session s set result_ciphertext = null,
                          result_taken_at = case when old.sealed is not null then cast(? as timestamptz) else s.result_taken_at end
                        from (select id, result_ciphertext as sealed from link_session where token_hash = ? for update) old
                        where s.id = old.id returning s.id, old.sealed""")
                .params(now(), tokenHash).query((rs, n) -> new TakenResult(rs.getString(1), rs.getBytes(2))).optional();
    }

    /** Counts one submitted answer; returns the count so far. */
    int countAttempt(String id) {
        return jdbc.sql("update link_session set attempts = attempts + 1 where id = ? returning attempts")
                .param(id).query(Integer.class).single();
    }

    void seal(String id, byte[] secret) {
        jdbc.sql("update link_session set secret_ciphertext = ? where id = ?").params(secret, id).update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
