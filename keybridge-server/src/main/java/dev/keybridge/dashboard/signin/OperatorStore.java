package dev.keybridge.dashboard.signin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Operators and their password hashes. Every list is scoped by organization. */
@Repository
public class OperatorStore {

    /** An operator with the hash to check a password against. */
    record WithHash(Operator operator, String passwordHash) {}

    private static final String COLUMNS = "id, org_id, email, role, created_at";

    private final JdbcClient jdbc;

    OperatorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<WithHash> byEmail(String email) {
        return jdbc.sql("select " + COLUMNS + ", password_hash from operator where email = ?").param(email)
                .query((rs, n) -> new WithHash(row(rs, n), rs.getString("password_hash"))).optional();
    }

    /** The operator with this e-mail address (compared lower-cased, as stored), for single sign-on. */
    public Optional<Operator> byAddress(String email) {
        return byEmail(Invites.normalize(email)).map(WithHash::operator);
    }

    public Optional<Operator> find(String orgId, String id) {
        return jdbc.sql("select " + COLUMNS + " from operator where org_id = ? and id = ?").params(orgId, id)
                .query(OperatorStore::row).optional();
    }

    public List<Operator> list(String orgId) {
        return jdbc.sql("select " + COLUMNS + " from operator where org_id = ? order by email").param(orgId)
                .query(OperatorStore::row).list();
    }

    /** Inserts unless the e-mail address is taken; true when inserted. */
    boolean insert(Operator o, String passwordHash) {
        return jdbc.sql("""
                insert into operator (id, org_id, email, role, password_hash, created_at) values (?, ?, ?, ?, ?, ?)
                on conflict (email) do nothing""")
                .params(o.id(), o.orgId(), o.email(), o.role().wire(), passwordHash, Timestamp.from(o.createdAt()))
                .update() == 1;
    }

    /** Removes the operator unless it is the organization's last owner; true when removed. */
    public boolean remove(String orgId, String id) {
        return jdbc.sql("""
                delete from operator o where o.org_id = ? and o.id = ?
                  and (o.role <> 'owner' or (select count(*) from operator x where x.org_id = o.org_id and x.role = 'owner') > 1)""")
                .params(orgId, id).update() == 1;
    }

    /**
     * Gives the operator another role, unless that takes the organization's last owner away; true when changed.
     * Their session ends at their next request ({@link StillAMember}), so the new role applies at once.
     */
    public boolean changeRole(String orgId, String id, Role role) {
        return jdbc.sql("""
                update operator o set role = ? where o.org_id = ? and o.id = ? and o.role <> ?
                  and (o.role <> 'owner' or (select count(*) from operator x where x.org_id = o.org_id and x.role = 'owner') > 1)""")
                .params(role.wire(), orgId, id, role.wire()).update() == 1;
    }

    boolean anyOperator(String orgId) {
        return jdbc.sql("select exists (select 1 from operator where org_id = ?)").param(orgId)
                .query(Boolean.class).single();
    }

    static Operator row(ResultSet rs, int n) throws SQLException {
        return new Operator(rs.getString("id"), rs.getString("org_id"), rs.getString("email"),
                Role.parse(rs.getString("role")), rs.getTimestamp("created_at").toInstant());
    }
}
