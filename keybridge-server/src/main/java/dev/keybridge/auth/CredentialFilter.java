package dev.keybridge.auth;

import dev.keybridge.cache.ShortLived;
import dev.keybridge.ratelimit.AuthThrottle;
import dev.keybridge.session.SessionTokens;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.tenancy.TenancyStore;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.ErrorWriter;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns whatever credential a request presents into a {@link Caller}: {@code x-api-key},
 * {@code client_id} + {@code client_secret}, a session token ({@code authorization: Bearer}) or the
 * admin token. The credential is checked first: a right one passes whatever was guessed before it (from
 * the cache of live credentials at once; a lookup for a blocked address only within the throttle's
 * budget, AuthThrottle#lookup); a wrong one is answered 401 here, or 429 by the failed-authentication
 * throttle (AuthThrottle); a
 * request with none goes on unauthenticated and the path rules decide.
 */
class CredentialFilter extends OncePerRequestFilter {

    private final TenancyStore tenancy;
    private final SessionTokens sessions;
    private final ErrorWriter errors;
    private final byte @Nullable [] adminTokenHash;
    private final Clock clock;

    private final AuthThrottle throttle;
    /** Live API keys (by hash) and client pairs (by client id): at most {@code KEYBRIDGE_CACHE_TTL} old. */
    private final ShortLived<String, TenancyStore.CredentialMatch> live;
    /** When this node last recorded each credential's use (so a cached match does not touch on every request). */
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    CredentialFilter(TenancyStore tenancy, SessionTokens sessions, ErrorWriter errors, String adminToken,
                     AuthThrottle throttle, Clock clock, Duration cacheTtl) {
        this.throttle = throttle;
        this.live = new ShortLived<>(cacheTtl, 10_000, tenancy.revocations(), clock);
        this.clock = clock;
        this.tenancy = tenancy;
        this.sessions = sessions;
        this.errors = errors;
        this.adminTokenHash = adminToken == null || adminToken.isBlank() ? null : Secrets.hash(adminToken);
    }

    /**
     * The sandbox's own OAuth2 provider and upstream APIs take third-party style credentials
     * (HTTP basic, provider bearer tokens), not ours.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/sandbox/oauth/") || path.startsWith("/sandbox/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            Caller caller = resolve(request);
            if (caller != null) {
                SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(caller));
            }
        } catch (ApiException e) {
            ApiException answer = e instanceof Errors.Unauthenticated
                    ? throttle.refused(request.getRemoteAddr(), e, guessed(request)) : e;
            errors.write(request, response, answer);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * What a wrong credential guessed at, for the throttle (AuthThrottle): the API key (by hash), the
     * client id, the admin token; null for a session token (counted per address only).
     */
    private static @Nullable String guessed(HttpServletRequest request) {
        String apiKey = request.getHeader("x-api-key");
        if (apiKey != null) {
            return AuthThrottle.apiKey(apiKey.trim());
        }
        String clientId = request.getHeader("client_id");
        if (clientId != null || request.getHeader("client_secret") != null) {
            return AuthThrottle.client(String.valueOf(unquote("client_id", clientId)));
        }
        return request.getRequestURI().startsWith("/admin/") ? AuthThrottle.ADMIN : null;
    }

    private @Nullable Caller resolve(HttpServletRequest request) {
        String apiKey = request.getHeader("x-api-key");
        String clientId = request.getHeader("client_id");
        String clientSecret = request.getHeader("client_secret");
        String bearer = bearer(request.getHeader("authorization"));
        if (apiKey != null) {
            return apiKey(apiKey.trim(), request.getRemoteAddr());
        }
        if (clientId != null || clientSecret != null) {
            return client(unquote("client_id", clientId), unquote("client_secret", clientSecret), request.getRemoteAddr());
        }
        if (bearer != null) {
            if (request.getRequestURI().startsWith("/admin/")) {
                return admin(bearer, request.getRemoteAddr());
            }
            return sessions.verify(bearer);
        }
        return null;
    }

    /** A live key in the cache passes at once; a lookup from a blocked address spends the throttle's small budget. */
    private Caller apiKey(String key, String address) {
        byte[] hash = Secrets.hash(key);
        TenancyStore.CredentialMatch match = live.get("k:" + HexFormat.of().formatHex(hash),
                        () -> throttle.lookup(address, () -> tenancy.findLiveApiKey(hash)))
                .orElseThrow(() -> Errors.unauthenticated("The API key is not valid or has been revoked."));
        touch(match);
        return Caller.server(match.orgId(), match.environment(), Caller.Via.API_KEY, match.id());
    }

    private Caller client(@Nullable String clientId, @Nullable String clientSecret, String address) {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw Errors.unauthenticated("Send both client_id and client_secret headers.");
        }
        TenancyStore.CredentialMatch match = live.get("c:" + clientId,
                        () -> throttle.lookup(address, () -> tenancy.findLiveClient(clientId)))
                .filter(m -> MessageDigest.isEqual(m.secretHash(), Secrets.hash(clientSecret)))
                .orElseThrow(() -> Errors.unauthenticated("The client_id and client_secret are not valid or have been revoked."));
        touch(match);
        return Caller.server(match.orgId(), match.environment(), Caller.Via.CLIENT_CREDENTIALS, match.id());
    }

    /** The admin token is an operator's choice and may be guessable: a blocked address is refused it, right or wrong. */
    private @Nullable Caller admin(String token, String address) {
        if (adminTokenHash == null) {
            return null;
        }
        ApiException blocked = throttle.blockedAddress(address);
        if (blocked != null) {
            throw blocked;
        }
        if (!MessageDigest.isEqual(adminTokenHash, Secrets.hash(token))) {
            throw Errors.unauthenticated("The admin token is not valid.");
        }
        return Caller.ADMIN;
    }

    private void touch(TenancyStore.CredentialMatch match) {
        Instant now = clock.instant();
        Instant minuteAgo = now.minus(1, ChronoUnit.MINUTES);
        Instant used = match.lastUsedAt();
        Instant mine = touched.get(match.id());
        if ((used == null || used.isBefore(minuteAgo)) && (mine == null || mine.isBefore(minuteAgo))) {
            if (touched.size() >= 10_000) {
                touched.clear();
            }
            touched.put(match.id(), now);
            tenancy.touch(match.id());
        }
    }

    private static @Nullable String bearer(@Nullable String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        throw Errors.unauthenticated("The authorization header must be 'Bearer <token>'.");
    }

    /**
     * The original system's examples quote header values ({@code client_id: "…"}); accept both. Bytes
     * beyond ASCII are read as UTF-8 by the rule of every header ({@link Ids#headerText}: 400 when not UTF-8).
     */
    private static @Nullable String unquote(String field, @Nullable String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return Ids.headerText(field, v);
    }
}
