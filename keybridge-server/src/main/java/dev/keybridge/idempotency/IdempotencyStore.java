package dev.keybridge.idempotency;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.vault.SealedColumn;
import dev.keybridge.vault.Vault;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code idempotency_key} table. Claiming is one {@code INSERT … ON CONFLICT DO NOTHING} on the
 * (org, environment, key) primary key, so on any number of nodes exactly one request owns a key; the
 * owner's lease ({@code locked_until}) lets a later request take over a key whose node died before
 * answering. Answers are written only by the current owner (fencing on {@code lock_owner}).
 */
@Component
class IdempotencyStore {

    /** What a request finds when it presents a key. */
    sealed interface Claim {
        /** This request owns the key and must act. */
        record Owned() implements Claim {}

        /** The key has an answer, made for the request hashed {@code requestHash}. */
        record Done(byte[] requestHash, StoredAnswer answer) implements Claim {}

        /** Another request holds the key and has not answered yet. */
        record Running(byte[] requestHash) implements Claim {}
    }

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Vault vault;
    private final JsonMapper json;
    private final KeybridgeSettings.Idempotency settings;

    private final Clock clock;

    private Timestamp at(Duration plus) {
        return Timestamp.from(clock.instant().plus(plus));
    }

    IdempotencyStore(JdbcClient jdbc, Vault vault, JsonMapper json, KeybridgeSettings settings, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.vault = vault;
        this.json = json;
        this.settings = settings.idempotency();
    }

    /** Takes the key for {@code owner}, or says who has it. A key older than the TTL counts as absent. */
    Claim claim(Scope scope, byte[] requestHash, String owner) {
        jdbc.sql("""
                delete from idempotency_key where org_id = ? and environment = ? and idempotency_key = ?
                  and created_at < ?""")
                .params(scope.orgId(), scope.environment(), scope.key(), at(settings.ttl().negated())).update();
        int inserted = jdbc.sql("""
                insert into idempotency_key (org_id, environment, idempotency_key, request_hash, lock_owner, locked_until,
                  created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(scope.orgId(), scope.environment(), scope.key(), requestHash, owner, at(settings.lease()),
                        at(Duration.ZERO))
                .update();
        if (inserted == 1) {
            return new Claim.Owned();
        }
        return find(scope).map(row -> row.status == null ? takeOverIfLapsed(scope, requestHash, owner, row) : done(scope, row))
                .orElseGet(() -> claim(scope, requestHash, owner));
    }

    /** The key as it is now (for a request waiting on another one). */
    Optional<Claim> look(Scope scope) {
        return find(scope).map(row -> row.status == null ? new Claim.Running(row.hash) : done(scope, row));
    }

    /** Stores the owner's answer; false when the owner lost the key (its lease lapsed and another took it). */
    boolean complete(Scope scope, String owner, StoredAnswer answer) {
        return jdbc.sql("""
                update idempotency_key set status_code = ?, response_headers = ?, response_ciphertext = ?,
                       completed_at = ?, lock_owner = null, locked_until = null
                 where org_id = ? and environment = ? and idempotency_key = ? and lock_owner = ?""")
                .params(answer.status(), json.writeValueAsString(answer.headers()),
                        vault.encrypt(answer.body(), scope.vaultContext()), at(Duration.ZERO),
                        scope.orgId(), scope.environment(), scope.key(), owner)
                .update() == 1;
    }

    /** Gives the key back unanswered (the request failed in a way worth retrying). */
    void release(Scope scope, String owner) {
        jdbc.sql("""
                delete from idempotency_key where org_id = ? and environment = ? and idempotency_key = ?
                   and lock_owner = ? and status_code is null""")
                .params(scope.orgId(), scope.environment(), scope.key(), owner).update();
    }

    /** Deletes up to {@code batch} keys older than the TTL; safe on many nodes at once (SKIP LOCKED). */
    int sweep(int batch) {
        return jdbc.sql("""
                delete from idempotency_key where (org_id, environment, idempotency_key) in (
                    select org_id, environment, idempotency_key from idempotency_key
                     where created_at < ?
                     order by created_at limit ? for update skip locked)""")
                .params(at(settings.ttl().negated()), batch).update();
    }

    private record Row(byte[] hash, Integer status, String headers, byte[] sealed, boolean lapsed) {}

    private Optional<Row> find(Scope scope) {
        return jdbc.sql("""
                select request_hash, status_code, response_headers, response_ciphertext,
                       coalesce(locked_until < ?, false) as lapsed
                  from idempotency_key where org_id = ? and environment = ? and idempotency_key = ?""")
                .params(at(Duration.ZERO), scope.orgId(), scope.environment(), scope.key())
                .query((rs, n) -> new Row(rs.getBytes(1), (Integer) rs.getObject(2), rs.getString(3), rs.getBytes(4),
                        rs.getBoolean(5)))
                .optional();
    }

    private Claim takeOverIfLapsed(Scope scope, byte[] requestHash, String owner, Row row) {
        if (!row.lapsed || !Arrays.equals(row.hash, requestHash)) {
            return new Claim.Running(row.hash);
        }
        int taken = jdbc.sql("""
                update idempotency_key set lock_owner = ?, locked_until = ?
                 where org_id = ? and environment = ? and idempotency_key = ?
                   and status_code is null and locked_until < ?""")
                .params(owner, at(settings.lease()), scope.orgId(), scope.environment(), scope.key(),
                        at(Duration.ZERO)).update();
        return taken == 1 ? new Claim.Owned() : new Claim.Running(row.hash);
    }

    private Claim done(Scope scope, Row row) {
        Map<String, String> headers = json.readValue(row.headers, HEADERS);
        byte[] body = vault.decrypt(row.sealed, scope.vaultContext());
        return new Claim.Done(row.hash, new StoredAnswer(row.status, headers, body));
    }

    /** For master-key rotation: the sealed answers. */
    @Bean
    static SealedColumn responseColumn() {
        return new SealedColumn("idempotency_key", "response_ciphertext",
                List.of("org_id", "environment", "idempotency_key"), List.of(),
                r -> new Scope(r.string("org_id"), r.string("environment"), r.string("idempotency_key")).vaultContext());
    }

}
