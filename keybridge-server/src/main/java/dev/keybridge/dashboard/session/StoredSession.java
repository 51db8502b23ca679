package dev.keybridge.dashboard.session;

import dev.keybridge.dashboard.signin.Operator;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;

/**
 * A dashboard session for the length of one request: its attributes as loaded, every change written
 * through to PostgreSQL at once (so a redirect never outruns it and every node sees it). Its id
 * ({@link #getId()}) is derived from the token's hash and is no secret: the token itself is only in
 * the cookie.
 */
final class StoredSession implements HttpSession {

    private final String key;
    private final Instant createdAt;
    private final Instant lastAccessed;
    private final Map<String, Object> attributes;
    private final boolean fresh;
    private final SessionStore store;
    private final ServletContext context;
    private final Duration idle;
    private final Runnable onInvalidate;
    private volatile String publicId;
    private volatile boolean invalid;

    StoredSession(String key, String publicId, Instant createdAt, Instant lastAccessed, Map<String, Object> attributes,
                  boolean fresh, SessionStore store, ServletContext context, Duration idle, Runnable onInvalidate) {
        this.key = key;
        this.publicId = publicId;
        this.createdAt = createdAt;
        this.lastAccessed = lastAccessed;
        this.attributes = new ConcurrentHashMap<>(attributes);
        this.fresh = fresh;
        this.store = store;
        this.context = context;
        this.idle = idle;
        this.onInvalidate = onInvalidate;
    }

    String key() {
        return key;
    }

    boolean isInvalid() {
        return invalid;
    }

    void renamed(String newPublicId) {
        this.publicId = newPublicId;
    }

    @Override
    public long getCreationTime() {
        check();
        return createdAt.toEpochMilli();
    }

    @Override
    public String getId() {
        return publicId;
    }

    @Override
    public long getLastAccessedTime() {
        check();
        return lastAccessed.toEpochMilli();
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    /** Every session has the idle timeout of the settings ({@code KEYBRIDGE_DASHBOARD_IDLE_TIMEOUT}). */
    @Override
    public void setMaxInactiveInterval(int interval) {
        // fixed by the settings: the expiry is kept in the table by the server's clock
    }

    @Override
    public int getMaxInactiveInterval() {
        return (int) idle.toSeconds();
    }

    @Override
    public Object getAttribute(String name) {
        check();
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        check();
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public void setAttribute(String name, Object value) {
        check();
        if (value == null) {
            removeAttribute(name);
            return;
        }
        store.put(key, name, value);
        attributes.put(name, value);
        if (value instanceof SecurityContext c) {
            Authentication auth = c.getAuthentication();
            store.bindOperator(key, auth != null && auth.getPrincipal() instanceof Operator o ? o.id() : null);
        }
    }

    @Override
    public void removeAttribute(String name) {
        check();
        if (attributes.remove(name) != null) {
            store.remove(key, name);
        }
    }

    @Override
    public void invalidate() {
        check();
        invalid = true;
        store.delete(key);
        onInvalidate.run();
    }

    @Override
    public boolean isNew() {
        check();
        return fresh;
    }

    private void check() {
        if (invalid) {
            throw new IllegalStateException("The session has been invalidated");
        }
    }
}
