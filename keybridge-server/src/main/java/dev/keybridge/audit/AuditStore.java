package dev.keybridge.audit;

import dev.keybridge.tenancy.Environment;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tables of the audit log. {@link #append} chains and writes one batch in one transaction: per chain
 * (organization, environment), in a fixed order so two nodes never deadlock, it locks the chain's head
 * row, hashes each record onto the head's hash, inserts them and moves the head; a second node flushing
 * the same chain waits for the lock and continues from the first one's head.
 */
@Repository
class AuditStore {

    /** A record as stored. */
    record Stored(long seq, AuditRecord record, byte @Nullable [] prevHash, byte[] hash) {}

    /** The head of one chain; {@code anchorHash} the prev_hash of its oldest kept record after a sweep. */
    record Head(long lastSeq, byte[] lastHash, @Nullable Long anchorSeq, byte @Nullable [] anchorHash) {}

    private static final TypeReference<TreeMap<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final DataSource dataSource;
    private final SQLExceptionTranslator translator;

    AuditStore(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json, DataSource dataSource) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.dataSource = dataSource;
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    /** Chains and inserts {@code chains} (each list one chain's records, in order) in one transaction. */
    void append(Map<ChainKey, List<AuditRecord>> chains) {
        tx.executeWithoutResult(status -> new TreeMap<>(chains).forEach(this::appendChain));
    }

    private void appendChain(ChainKey key, List<AuditRecord> records) {
        jdbc.sql("insert into audit_chain_head (org_id, environment, last_seq, last_hash) values (?, ?, 0, '\\x'::bytea) "
                        + "on conflict (org_id, environment) do nothing")
                .params(key.orgId(), key.environment().wire()).update();
        byte[] head = jdbc.sql("select last_hash from audit_chain_head where org_id = ? and environment = ? for update")
                .params(key.orgId(), key.environment().wire()).query(byte[].class).single();
        byte[] prev = head.length == 0 ? null : head;
        AuditCopy rows = new AuditCopy();
        for (AuditRecord r : records) {
            String detail = AuditHash.json(r.detail());
            byte[] hash = AuditHash.hash(prev, r, detail);
            rows.row(r, detail, prev, hash);
            prev = hash;
        }
        copy(rows.toString());
        jdbc.sql("update audit_chain_head set last_hash = ?, last_seq = (select max(seq) from audit_record "
                        + "where org_id = ? and environment = ?) where org_id = ? and environment = ?")
                .params(Objects.requireNonNull(prev), key.orgId(), key.environment().wire(), key.orgId(), key.environment().wire()).update();
    }

    /** COPY into audit_record on the transaction's connection. */
    private void copy(String rows) {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy audit_record (" + AuditCopy.COLUMNS + ") from stdin",
                    new StringReader(rows));
        } catch (SQLException e) {
            throw Objects.requireNonNull(translator.translate("audit copy", null, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    Optional<Head> head(String orgId, Environment env) {
        return jdbc.sql("select last_seq, last_hash, anchor_seq, anchor_hash from audit_chain_head "
                        + "where org_id = ? and environment = ?")
                .params(orgId, env.wire())
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getBytes("last_hash"),
                        (Long) rs.getObject("anchor_seq"), rs.getBytes("anchor_hash")))
                .optional();
    }

    /** Up to {@code limit} records of one chain after {@code afterSeq}, oldest first. */
    List<Stored> chain(String orgId, Environment env, long afterSeq, int limit) {
        return jdbc.sql("select * from audit_record where org_id = ? and environment = ? and seq > ? order by seq limit ?")
                .params(orgId, env.wire(), afterSeq, limit).query(this::stored).list();
    }

    /** One page of the query API, newest first: seq below {@code beforeSeq} and the filters that are set. */
    List<Stored> find(String orgId, Environment env, AuditQuery q, @Nullable Long beforeSeq, int limit) {
        return find(orgId, env, q, "seq < ?", beforeSeq, "desc", limit);
    }

    /** One page of an export, oldest first: seq above {@code afterSeq} and the filters that are set. */
    List<Stored> findOldestFirst(String orgId, Environment env, AuditQuery q, long afterSeq, int limit) {
        return find(orgId, env, q, "seq > ?", afterSeq, "asc", limit);
    }

    private List<Stored> find(String orgId, Environment env, AuditQuery q, String from, @Nullable Long seq, String order,
                              int limit) {
        StringBuilder sql = new StringBuilder("select * from audit_record where org_id = ? and environment = ?");
        List<Object> params = new ArrayList<>(List.of(orgId, env.wire()));
        filter(sql, params, from, seq);
        filter(sql, params, "connection_id = ?", q.connectionId());
        filter(sql, params, "action = ?", q.action());
        filter(sql, params, "actor_id = ?", q.actorId());
        filter(sql, params, "at >= ?", q.since() == null ? null : Timestamp.from(q.since()));
        filter(sql, params, "at < ?", q.until() == null ? null : Timestamp.from(q.until()));
        sql.append(" order by seq ").append(order).append(" limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::stored).list();
    }

    /** Every chain (for the retention sweep, which then works one organization at a time). */
    List<ChainKey> chains() {
        return jdbc.sql("select org_id, environment from audit_chain_head order by org_id, environment")
                .query((rs, n) -> new ChainKey(rs.getString("org_id"), Environment.fromWire(rs.getString("environment"))))
                .list();
    }

    /**
     * Deletes up to {@code batch} of the chain's oldest records from before {@code cutoff}, under the head's
     * lock, and moves the anchor past them: verification then starts after {@code anchor_seq - 1} from the
     * last deleted record's hash. The number deleted.
     */
    int sweep(ChainKey key, Instant cutoff, int batch) {
        Integer deleted = tx.execute(status -> {
            String org = key.orgId();
            String env = key.environment().wire();
            jdbc.sql("select last_seq from audit_chain_head where org_id = ? and environment = ? for update")
                    .params(org, env).query(Long.class).optional();
            long upTo = jdbc.sql("select coalesce(max(seq), 0) from (select seq from audit_record where org_id = ? "
                            + "and environment = ? and at < ? order by seq limit ?) s")
                    .params(org, env, Timestamp.from(cutoff), batch).query(Long.class).single();
            if (upTo == 0) {
                return 0;
            }
            byte[] anchor = jdbc.sql("select hash from audit_record where org_id = ? and environment = ? and seq = ?")
                    .params(org, env, upTo).query(byte[].class).single();
            int n = jdbc.sql("delete from audit_record where org_id = ? and environment = ? and seq <= ?")
                    .params(org, env, upTo).update();
            jdbc.sql("update audit_chain_head set anchor_seq = ?, anchor_hash = ? where org_id = ? and environment = ?")
                    .params(upTo + 1, anchor, org, env).update();
            return n;
        });
        return deleted == null ? 0 : deleted;
    }

    private static void filter(StringBuilder sql, List<Object> params, String condition, @Nullable Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.add(value);
        }
    }

    private Stored stored(ResultSet rs, int n) throws SQLException {
        Map<String, Object> detail = json.readValue(rs.getString("detail"), MAP);
        AuditRecord r = new AuditRecord(rs.getString("org_id"), Environment.fromWire(rs.getString("environment")),
                rs.getTimestamp("at").toInstant(), AuditRecord.ActorType.fromWire(rs.getString("actor_type")),
                rs.getString("actor_id"), rs.getString("action"), rs.getString("connection_id"), detail);
        return new Stored(rs.getLong("seq"), r, rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }
}
