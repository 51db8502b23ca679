package dev.keybridge.dashboard.sso;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which provider account (issuer and the ID token's {@code sub}) each operator signs in with: bound on
 * the operator's first single sign-on from that issuer, and from then on the only one let in as that
 * operator from there, whatever e-mail address the provider puts in its tokens later. A provider
 * account is bound to one operator at most. Removing an operator removes its binding (cascade), so
 * the address invited again binds afresh.
 */
@Repository
class SsoAccounts {

    /** What {@link #bind} found. */
    enum Binding {
        /** Bound just now, or bound before to this very account: let in. */
        SAME,
        /** The operator is bound to another account of this issuer. */
        OTHER_ACCOUNT,
        /** This account is bound to another operator. */
        OTHER_OPERATOR
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SsoAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Binds {@code operatorId} to ({@code issuer}, {@code subject}) unless either side is bound already,
     * in one statement (two first sign-ins at once: one wins, the other sees its binding); then says
     * whether the binding that stands is this one. Changes nothing when it is not.
     */
    Binding bind(String operatorId, String issuer, String subject) {
        int inserted = jdbc.sql("""
                insert into operator_sso_account (operator_id, issuer, subject, bound_at) values (?, ?, ?, ?)
                on conflict do nothing""")
                .params(operatorId, issuer, subject, Timestamp.from(clock.instant())).update();
        if (inserted == 1) {
            return Binding.SAME;
        }
        return jdbc.sql("select subject from operator_sso_account where operator_id = ? and issuer = ?")
                .params(operatorId, issuer).query(String.class).optional()
                .map(bound -> bound.equals(subject) ? Binding.SAME : Binding.OTHER_ACCOUNT)
                .orElse(Binding.OTHER_OPERATOR);
    }
}
