package dev.keybridge.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a session token still stands: its linked account exists, its generation is the account's
 * current one, and its id is not on the revoked list. Read from PostgreSQL on every request (two
 * primary-key lookups in one statement), so a revocation made on one node holds on every node for the
 * next request; nothing is cached.
 */
@Component
class SessionRevocations {

    /** What the database says about a token's account: its external id and current generation. */
    record State(String externalId, int generation, boolean revoked) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    SessionRevocations(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** The account's state for a token, empty when the account (by internal id) is gone. */
    Optional<State> state(String orgId, String env, String accountId, String jti) {
        return jdbc.sql("""
                        select la.external_id, coalesce(g.generation, 0),
                          exists (select 1 from session_token_revoked r where r.jti = ?)
                        from linked_account la left join session_token_generation g on g.linked_account_id = la.id
                        where la.id = ? and la.org_id = ? and la.environment = ?""")
                .params(jti == null ? "" : jti, accountId, orgId, env)
                .query((rs, n) -> new State(rs.getString(1), rs.getInt(2), rs.getBoolean(3)))
                .optional();
    }

    /** The generation new tokens of this account are issued under. */
    int generation(String accountId) {
        return jdbc.sql("select generation from session_token_generation where linked_account_id = ?")
                .param(accountId).query(Integer.class).optional().orElse(0);
    }

    /** Kills every token of the account issued so far; returns the new generation. */
    int revokeAll(String orgId, String accountId) {
        return jdbc.sql("""
                        insert into session_token_generation (org_id, linked_account_id, generation) values (?, ?, 1)
                        on conflict (linked_account_id, org_id) do update set generation = session_token_generation.generation + 1
                        returning generation""")
                .params(orgId, accountId).query(Integer.class).single();
    }

    /** Kills one token; its row lives until the token would have expired anyway. */
    void revokeOne(String orgId, String jti, String accountId, Instant expiresAt) {
        jdbc.sql("delete from session_token_revoked where expires_at < ?").param(Timestamp.from(clock.instant())).update();
        jdbc.sql("insert into session_token_revoked (org_id, jti, linked_account_id, expires_at) values (?, ?, ?, ?) "
                        + "on conflict (jti, org_id) do nothing")
                .params(orgId, jti, accountId, Timestamp.from(expiresAt)).update();
    }
}
