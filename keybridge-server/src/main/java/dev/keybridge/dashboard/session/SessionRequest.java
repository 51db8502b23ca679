package dev.keybridge.dashboard.session;

import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Ids;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * A dashboard request whose {@link HttpSession} lives in PostgreSQL ({@link SessionStore}) instead of
 * this node's memory. The session is looked up (and its expiry moved) the first time anything asks;
 * creating, renewing the id (sign-in) or invalidating (sign-out) sets or clears the cookie.
 */
final class SessionRequest extends HttpServletRequestWrapper {

    static final String COOKIE = "kb_dashboard";
    static final String PATH = "/dashboard";
    /** 43 base62 characters: 256 bits. */
    private static final int TOKEN_LENGTH = 43;

    private final HttpServletResponse response;
    private final SessionStore store;
    private final Clock clock;
    private final Duration idle;
    private boolean loaded;
    private boolean requestedValid;
    private String requestedHash;
    private StoredSession session;

    SessionRequest(HttpServletRequest request, HttpServletResponse response, SessionStore store, Clock clock,
                   Duration idle) {
        super(request);
        this.response = response;
        this.store = store;
        this.clock = clock;
        this.idle = idle;
    }

    @Override
    public HttpSession getSession(boolean create) {
        load();
        if (session != null && !session.isInvalid()) {
            return session;
        }
        if (!create) {
            return null;
        }
        String token = Ids.random(TOKEN_LENGTH);
        byte[] hash = Secrets.hash(token);
        Instant now = clock.instant();
        String key = "ses_" + Ids.objectId();
        store.create(key, hash, now, now.plus(idle));
        session = new StoredSession(key, publicId(hash), now, now, Map.of(), true, store, getServletContext(), idle,
                this::clearCookie);
        setCookie(token);
        return session;
    }

    @Override
    public HttpSession getSession() {
        return getSession(true);
    }

    /** Sign-in: the session keeps its attributes under a new token; the old one finds nothing any more. */
    @Override
    public String changeSessionId() {
        HttpSession current = getSession(false);
        if (current == null) {
            throw new IllegalStateException("There is no session to change the id of");
        }
        String token = Ids.random(TOKEN_LENGTH);
        byte[] hash = Secrets.hash(token);
        store.rotate(session.key(), hash);
        session.renamed(publicId(hash));
        setCookie(token);
        return session.getId();
    }

    /** Not the token: the public id of the session it names (so logging it gives nothing away). */
    @Override
    public String getRequestedSessionId() {
        load();
        return requestedHash;
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        load();
        return requestedValid && session != null && !session.isInvalid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return getRequestedSessionId() != null;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }

    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        Cookie[] cookies = super.getCookies();
        if (cookies == null) {
            return;
        }
        for (Cookie c : cookies) {
            String token = c.getValue();
            if (!COOKIE.equals(c.getName()) || token == null || token.length() != TOKEN_LENGTH
                    || !token.chars().allMatch(Character::isLetterOrDigit)) {
                continue;
            }
            byte[] hash = Secrets.hash(token);
            requestedHash = publicId(hash);
            Instant now = clock.instant();
            Optional<SessionStore.Loaded> found = store.touch(hash, now, now.plus(idle));
            if (found.isPresent()) {
                SessionStore.Loaded s = found.get();
                session = new StoredSession(s.id(), requestedHash, s.createdAt(), now, s.attributes(), false, store,
                        getServletContext(), idle, this::clearCookie);
                requestedValid = true;
                return;
            }
        }
    }

    private void setCookie(String token) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, token).path(PATH).httpOnly(true)
                .secure(isSecure()).sameSite("Strict").build().toString());
    }

    private void clearCookie() {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, "").path(PATH).httpOnly(true)
                .secure(isSecure()).sameSite("Strict").maxAge(0).build().toString());
    }

    /** What the session is called in logs and by Spring: a prefix of the token's hash. */
    private static String publicId(byte[] hash) {
        return "s" + HexFormat.of().formatHex(hash, 0, 8);
    }
}
