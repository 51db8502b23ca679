package dev.keybridge.dashboard.sso;

import dev.keybridge.dashboard.session.SessionStore;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Ids;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.stereotype.Repository;

/**
 * Where a single sign-on under way keeps its authorization request (state, nonce, PKCE verifier) while
 * the browser is at the provider: in PostgreSQL (any node may get the way back), found through a
 * random token in its own cookie, {@code kb_dashboard_sso}. That cookie is {@code SameSite=Lax} — the
 * session cookie is {@code Strict} and so is not sent on the provider's redirect back — and it binds
 * the sign-in to the browser that began it. A request lives ten minutes (by the clock) and works once.
 */
@Repository
class SsoRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String COOKIE = "kb_dashboard_sso";
    private static final String PATH = "/dashboard/signin";
    private static final Duration TTL = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final Clock clock;

    SsoRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        byte[] hash = tokenHash(request);
        if (hash == null) {
            return null;
        }
        return jdbc.sql("select request from dashboard_sso_request where token_hash = ? and expires_at > ?")
                .params(hash, Timestamp.from(clock.instant())).query((rs, n) -> SessionStore.read(rs.getBytes(1)))
                .optional().filter(OAuth2AuthorizationRequest.class::isInstance).map(OAuth2AuthorizationRequest.class::cast)
                .orElse(null);
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
                                         HttpServletResponse response) {
        if (authorizationRequest == null) {
            removeAuthorizationRequest(request, response);
            return;
        }
        Instant now = clock.instant();
        // Requests never come back for are deleted here, a few at a time, by whoever starts a new one.
        jdbc.sql("""
                delete from dashboard_sso_request where token_hash in (
                  select token_hash from dashboard_sso_request where expires_at <= ? limit 100 for update skip locked)""")
                .param(Timestamp.from(now)).update();
        String token = Ids.random(43);
        jdbc.sql("insert into dashboard_sso_request (token_hash, request, expires_at) values (?, ?, ?)")
                .params(Secrets.hash(token), SessionStore.write(authorizationRequest), Timestamp.from(now.plus(TTL)))
                .update();
        cookie(request, response, token, TTL);
    }

    /** Spends the request: it is deleted in the same statement that reads it, so a second use finds nothing. */
    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request, HttpServletResponse response) {
        byte[] hash = tokenHash(request);
        if (hash == null) {
            return null;
        }
        cookie(request, response, "", Duration.ZERO);
        return jdbc.sql("delete from dashboard_sso_request where token_hash = ? and expires_at > ? returning request")
                .params(hash, Timestamp.from(clock.instant())).query((rs, n) -> SessionStore.read(rs.getBytes(1)))
                .optional().filter(OAuth2AuthorizationRequest.class::isInstance).map(OAuth2AuthorizationRequest.class::cast)
                .orElse(null);
    }

    private static byte[] tokenHash(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName()) && c.getValue() != null && c.getValue().length() == 43) {
                    return Secrets.hash(c.getValue());
                }
            }
        }
        return null;
    }

    private static void cookie(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, value).path(PATH).httpOnly(true)
                .secure(request.isSecure()).sameSite("Lax").maxAge(maxAge).build().toString());
    }
}
