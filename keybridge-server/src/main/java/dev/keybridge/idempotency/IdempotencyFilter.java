package dev.keybridge.idempotency;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Caller;
import dev.keybridge.web.ApiException;
import dev.keybridge.web.BodyLimit;
import dev.keybridge.web.ErrorType;
import dev.keybridge.web.ErrorWriter;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on the handlers marked {@code web.Idempotent} ({@link IdempotentRoutes}). Runs after
 * Spring Security's chain (order 0 &gt; -100), so the caller is known and unauthenticated requests never reach it; a
 * controller only declares {@code @Idempotent} on its handler.
 * <ul>
 * <li>First request with a key: acts, and its answer (status, {@link StoredAnswer#KEPT_HEADERS}, body
 * sealed with the Vault) is stored for {@code KEYBRIDGE_IDEMPOTENCY_TTL}. A 5xx or 429 answer is not
 * stored: the key is given back, so a retry acts.</li>
 * <li>Same key, same method + path + body: the stored answer, with {@code Idempotent-Replayed: true}.</li>
 * <li>Same key, another request: 422 {@code idempotency_key_reused}.</li>
 * <li>Same key while the first request still runs (this node or another): waits up to
 * {@code KEYBRIDGE_IDEMPOTENCY_WAIT} for its answer and replays it, else 409
 * {@code idempotency_key_in_progress} with {@code Retry-After: 1}.</li>
 * </ul>
 * Limit: the controller commits before the answer is stored; a node killed in between leaves the key
 * running until its lease lapses, after which a retry acts again.
 */
@Component
@Order(0)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final long POLL_MILLIS = 50;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final ErrorWriter errors;
    private final KeybridgeSettings.Idempotency settings;
    private final IdempotentRoutes routes;

    IdempotencyFilter(IdempotencyStore store, ErrorWriter errors, KeybridgeSettings settings, IdempotentRoutes routes) {
        this.routes = routes;
        this.store = store;
        this.errors = errors;
        this.settings = settings.idempotency();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !routes.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = caller();
        if (caller == null || caller.orgId() == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            errors.write(request, response, new Errors.InvalidRequest("invalid_idempotency_key",
                    "The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces."));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodyLimit.TooLarge e) {
            errors.write(request, response, new Errors.PayloadTooLarge(e.limit()));
            return;
        }
        Scope scope = new Scope(caller.orgId(), caller.environment().wire(), key);
        byte[] hash = hash(request, body);
        String owner = "idem_" + Ids.fastRandom(20);
        long deadline = System.nanoTime() + settings.waitForFirst().toNanos();
        IdempotencyStore.Claim claim = store.claim(scope, hash, owner);
        while (true) {
            switch (claim) {
                case IdempotencyStore.Claim.Owned o -> {
                    act(scope, owner, new CachedBodyRequest(request, body), response, chain);
                    return;
                }
                case IdempotencyStore.Claim.Done done when Arrays.equals(done.requestHash(), hash) -> {
                    replay(done.answer(), response);
                    return;
                }
                case IdempotencyStore.Claim.Done d -> {
                    reused(request, response);
                    return;
                }
                case IdempotencyStore.Claim.Running running when !Arrays.equals(running.requestHash(), hash) -> {
                    reused(request, response);
                    return;
                }
                case IdempotencyStore.Claim.Running running -> {
                    if (System.nanoTime() >= deadline || !pause()) {
                        errors.write(request, response, new InProgress());
                        return;
                    }
                    // Gone = the first request failed and gave the key back: this one may act now.
                    claim = store.look(scope).orElseGet(() -> store.claim(scope, hash, owner));
                }
            }
        }
    }

    private void act(Scope scope, String owner, HttpServletRequest request, HttpServletResponse response,
                     FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, captured);
        } catch (IOException | ServletException | RuntimeException e) {
            store.release(scope, owner);
            throw e;
        }
        int status = captured.getStatus();
        if (status >= 500 || status == 429) {
            store.release(scope, owner);
        } else {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : StoredAnswer.KEPT_HEADERS) {
                String value = name.equals("Content-Type") ? captured.getContentType() : captured.getHeader(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            if (!store.complete(scope, owner, new StoredAnswer(status, headers, captured.getContentAsByteArray()))) {
                log.warn("An idempotency key's lease lapsed before its request answered; its answer is not stored.");
            }
        }
        captured.copyBodyToResponse();
    }

    private void replay(StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED, "true");
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    private void reused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(request, response, new Errors.Unprocessable("idempotency_key_reused",
                "This Idempotency-Key was used with another request (method, path or body); use a new key."));
    }

    /** 409 with {@code Retry-After: 1}: the first request with this key has not answered yet. */
    private static final class InProgress extends ApiException.RetryLater {
        InProgress() {
            super(409, "idempotency_key_in_progress", ErrorType.CONFLICT,
                    "A request with this Idempotency-Key is still being processed; retry shortly.", 1L);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Caller caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Caller c ? c : null;
    }

    /** SHA-256 of method, path (with query) and body: what "the same request" means. */
    static byte[] hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String query = request.getQueryString();
            String line = request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query) + "\n";
            sha.update(line.getBytes(StandardCharsets.UTF_8));
            return sha.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
