package dev.keybridge.dashboard.signin;

import dev.keybridge.config.KeybridgeSettings;
import dev.keybridge.tenancy.Secrets;
import dev.keybridge.web.Errors;
import dev.keybridge.web.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time links that make an operator: the first owner's setup link and owners' invitations. The
 * token is shown once (to the owner who invites, or in {@code bootstrap-credentials.json}); only its
 * SHA-256 is stored, and accepting it spends it in the same transaction that creates the operator.
 */
@Service
public class Invites {

    /** An unspent invitation as the setup page shows it (email null: the invitee chooses it). */
    public record Invite(String id, String orgId, String email, Role role, Instant expiresAt) {}

    /** A new invitation and its token, in clear this once. */
    public record Issued(Invite invite, String token) {}

    public static final int MIN_PASSWORD = 12;
    public static final int MAX_PASSWORD = 200;

    private final JdbcClient jdbc;
    private final OperatorStore operators;
    private final PasswordEncoder passwords;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration ttl;

    Invites(JdbcClient jdbc, OperatorStore operators, PasswordEncoder passwords, TransactionTemplate tx, Clock clock,
            KeybridgeSettings settings) {
        this.jdbc = jdbc;
        this.operators = operators;
        this.passwords = passwords;
        this.tx = tx;
        this.clock = clock;
        this.ttl = settings.dashboard().inviteTtl();
    }

    /** Issues an invitation; one still pending for the same address is replaced (its link stops working). */
    public Issued issue(String orgId, String email, Role role) {
        String token = "kbi_" + Ids.random(40);
        Instant now = clock.instant();
        Invite invite = new Invite("inv_" + Ids.objectId(), orgId, email == null ? null : normalize(email), role,
                now.plus(ttl));
        if (invite.email() != null) {
            jdbc.sql("delete from operator_invite where org_id = ? and email = ? and used_at is null")
                    .params(orgId, invite.email()).update();
        }
        jdbc.sql("""
                insert into operator_invite (id, token_hash, org_id, email, role, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(invite.id(), Secrets.hash(token), orgId, invite.email(), role.wire(), Timestamp.from(now),
                        Timestamp.from(invite.expiresAt()))
                .update();
        return new Issued(invite, token);
    }

    /** The organization's invitations not used yet and not expired, newest first. */
    public List<Invite> pending(String orgId) {
        return jdbc.sql("select id, org_id, email, role, expires_at from operator_invite where org_id = ? "
                        + "and used_at is null and expires_at > ? and email is not null order by created_at desc")
                .params(orgId, Timestamp.from(clock.instant()))
                .query((rs, n) -> new Invite(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** Revokes a pending invitation (its link stops working); false when there is none such. */
    public boolean revoke(String orgId, String id) {
        return jdbc.sql("delete from operator_invite where org_id = ? and id = ? and used_at is null")
                .params(orgId, id).update() == 1;
    }

    /** Whether the organization has an unspent, unexpired invitation for an owner (the setup link). */
    boolean liveOwnerInvite(String orgId) {
        return jdbc.sql("select exists (select 1 from operator_invite where org_id = ? and role = 'owner' "
                        + "and used_at is null and expires_at > ?)")
                .params(orgId, Timestamp.from(clock.instant())).query(Boolean.class).single();
    }

    /** The unspent invitation of a token; empty when unknown, spent or expired. */
    public Optional<Invite> find(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select id, org_id, email, role, expires_at from operator_invite "
                        + "where token_hash = ? and used_at is null and expires_at > ?")
                .params(Secrets.hash(token), Timestamp.from(clock.instant()))
                .query((rs, n) -> new Invite(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)),
                        rs.getTimestamp(5).toInstant()))
                .optional();
    }

    /** Spends the token and creates the operator; 400 with a message for the form otherwise. */
    public Operator accept(String token, String email, String password) {
        Invite invite = find(token).orElseThrow(() -> new Errors.InvalidRequest("invalid_invite",
                "This link is not valid any more: it was used or has expired. Ask an owner for a new one."));
        String address = invite.email() != null ? invite.email() : checkEmail(email);
        checkPassword(password);
        String hash = passwords.encode(password);
        return tx.execute(s -> {
            if (jdbc.sql("update operator_invite set used_at = ? where id = ? and used_at is null")
                    .params(Timestamp.from(clock.instant()), invite.id()).update() != 1) {
                throw new Errors.InvalidRequest("invalid_invite", "This link has just been used.");
            }
            Operator o = new Operator("op_" + Ids.objectId(), invite.orgId(), address, invite.role(), clock.instant());
            if (!operators.insert(o, hash)) {
                throw Errors.invalid("An operator with this e-mail address exists already.");
            }
            return o;
        });
    }

    public static String checkEmail(String email) {
        String e = email == null ? "" : normalize(email);
        if (e.length() > 254 || !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Errors.invalid("Enter an e-mail address such as ann@example.com.");
        }
        return e;
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw Errors.invalid("Choose a password of " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
        }
    }

    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
