package dev.keybridge.dashboard.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard sessions in PostgreSQL ({@code dashboard_session}, one row per attribute in
 * {@code dashboard_session_attribute}). Sessions are found by the SHA-256 of their token, never the
 * token itself. Every time is the caller's (the clock's); SQL never reads its own.
 */
@Repository
public class SessionStore {

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);

    /**
     * What an attribute may deserialize to: our classes, Spring Security's (the security context,
     * CSRF tokens, OAuth2 requests), Spring MVC's flash maps and the JDK's values; nothing else.
     */
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxbytes=262144;maxrefs=10000;dev.keybridge.**;org.springframework.security.**;"
                    + "org.springframework.web.servlet.FlashMap;org.springframework.util.LinkedMultiValueMap;"
                    + "org.springframework.util.MultiValueMapAdapter;java.**;!*");

    /** A live session as a request sees it. */
    record Loaded(String id, Instant createdAt, Map<String, Object> attributes) {}

    private final JdbcClient jdbc;

    SessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The live session of {@code tokenHash}, its expiry moved to {@code expiresAt} (this request is
     * activity) in the same statement; empty when unknown or expired at {@code now}.
     */
    Optional<Loaded> touch(byte[] tokenHash, Instant now, Instant expiresAt) {
        Map<String, Object> attributes = new HashMap<>();
        String[] id = new String[1];
        Instant[] created = new Instant[1];
        jdbc.sql("""
                with s as (update dashboard_session set last_seen = ?, expires_at = ?
                           where token_hash = ? and expires_at > ? returning id, created_at)
                select s.id, s.created_at, a.name, a.value
                from s left join dashboard_session_attribute a on a.session_id = s.id""")
                .params(Timestamp.from(now), Timestamp.from(expiresAt), tokenHash, Timestamp.from(now))
                .query(rs -> {
                    id[0] = rs.getString(1);
                    created[0] = rs.getTimestamp(2).toInstant();
                    String name = rs.getString(3);
                    if (name != null) {
                        Object value = read(rs.getBytes(4));
                        if (value != null) {
                            attributes.put(name, value);
                        }
                    }
                });
        return id[0] == null ? Optional.empty() : Optional.of(new Loaded(id[0], created[0], attributes));
    }

    void create(String id, byte[] tokenHash, Instant now, Instant expiresAt) {
        jdbc.sql("insert into dashboard_session (id, token_hash, created_at, last_seen, expires_at) values (?, ?, ?, ?, ?)")
                .params(id, tokenHash, Timestamp.from(now), Timestamp.from(now), Timestamp.from(expiresAt)).update();
    }

    void put(String id, String name, Object value) {
        jdbc.sql("""
                insert into dashboard_session_attribute (session_id, name, value)
                select id, ?, ? from dashboard_session where id = ?
                on conflict (session_id, name) do update set value = excluded.value""")
                .params(name, write(value), id).update();
    }

    void remove(String id, String name) {
        jdbc.sql("delete from dashboard_session_attribute where session_id = ? and name = ?").params(id, name).update();
    }

    /** Ties the session to the operator signed in with it (so removing the operator ends it); null unties. */
    void bindOperator(String id, String operatorId) {
        jdbc.sql("update dashboard_session set operator_id = ? where id = ?").params(operatorId, id).update();
    }

    /** A new token for the session (sign-in: the token used before signing in is worth nothing after). */
    void rotate(String id, byte[] newTokenHash) {
        jdbc.sql("update dashboard_session set token_hash = ? where id = ?").params(newTokenHash, id).update();
    }

    void delete(String id) {
        jdbc.sql("delete from dashboard_session where id = ?").param(id).update();
    }

    /** Deletes up to {@code batch} sessions expired at {@code now}; any number of nodes may sweep at once. */
    int sweep(Instant now, int batch) {
        return jdbc.sql("""
                delete from dashboard_session where id in (
                  select id from dashboard_session where expires_at <= ? limit ? for update skip locked)""")
                .params(Timestamp.from(now), batch).update();
    }

    public static byte[] write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("A dashboard session attribute must be serializable: "
                    + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /** The attribute, or null (and a warning) when it no longer reads (a class changed between versions). */
    public static Object read(byte[] value) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(value))) {
            in.setObjectInputFilter(ALLOWED);
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            log.warn("A dashboard session attribute could not be read and is ignored: {}", e.toString());
            return null;
        }
    }
}
