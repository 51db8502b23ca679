package dev.keybridge.account;

import dev.keybridge.tenancy.Environment;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Linked accounts in PostgreSQL. Every query is scoped by organization and environment. */
@Repository
class AccountStore {

    private static final String COLUMNS = """
            id, org_id, environment, external_id, name, udf::text as udf, app_id, auth_credentials_ciphertext,
            auth_credential_keys, created_at, updated_at, version""";
    private static final TypeReference<List<UdfEntry>> UDF_LIST = new TypeReference<>() {};

    /** Filters of a list; null fields do not filter. */
    record Filter(String externalId, String externalIdPrefix, String namePrefix) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AccountStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<LinkedAccount> find(String orgId, Environment env, String externalId) {
        return jdbc.sql("select " + COLUMNS + " from linked_account where org_id = ? and environment = ? and external_id = ?")
                .params(orgId, env.wire(), externalId).query(this::row).optional();
    }

    /** The caller's id ({@code external_id}) of a linked account known by its internal id. */
    Optional<String> externalId(String id) {
        return jdbc.sql("select external_id from linked_account where id = ?").param(id).query(String.class).optional();
    }

    /** Locks the row until the transaction ends, so concurrent merges serialize. */
    Optional<LinkedAccount> findForUpdate(String orgId, Environment env, String externalId) {
        return jdbc.sql("select " + COLUMNS
                        + " from linked_account where org_id = ? and environment = ? and external_id = ? for update")
                .params(orgId, env.wire(), externalId).query(this::row).optional();
    }

    /** Locks the row against deletion (FOR KEY SHARE) until the transaction ends; false when it is gone. */
    boolean holdAgainstDelete(String id) {
        return jdbc.sql("select 1 from linked_account where id = ? for key share").param(id).query(Integer.class)
                .optional().isPresent();
    }

    /** Inserts unless the id is taken (waiting for a concurrent insert of it to finish); true if inserted. */
    boolean insertIfAbsent(LinkedAccount a) {
        LinkedAccount.YourApp app = a.yourApp();
        return jdbc.sql("""
                        insert into linked_account (id, org_id, environment, external_id, name, udf, app_id,
                          auth_credentials_ciphertext, auth_credential_keys, created_at, updated_at, version)
                        values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?)
                        on conflict (org_id, environment, external_id) do nothing""")
                .params(a.id(), a.orgId(), a.environment().wire(), a.externalId(), a.name(), udfJson(a.udf()),
                        app == null ? null : app.appId(), app == null ? null : app.credentialsCiphertext(),
                        app == null || app.credentialKeys() == null ? null : app.credentialKeys().toArray(String[]::new),
                        Timestamp.from(a.createdAt()), Timestamp.from(a.updatedAt()), a.version())
                .update() == 1;
    }

    void update(LinkedAccount a) {
        LinkedAccount.YourApp app = a.yourApp();
        jdbc.sql("""
                        update linked_account set name = ?, udf = cast(? as jsonb), app_id = ?,
                          auth_credentials_ciphertext = ?, auth_credential_keys = ?, updated_at = ?, version = ?
                        where id = ? and org_id = ?""")
                .params(a.name(), udfJson(a.udf()), app == null ? null : app.appId(),
                        app == null ? null : app.credentialsCiphertext(),
                        app == null || app.credentialKeys() == null ? null : app.credentialKeys().toArray(String[]::new),
                        Timestamp.from(a.updatedAt()), a.version(), a.id(), a.orgId())
                .update();
    }

    Optional<LinkedAccount> delete(String orgId, Environment env, String externalId) {
        return jdbc.sql("delete from linked_account where org_id = ? and environment = ? and external_id = ? returning "
                        + COLUMNS)
                .params(orgId, env.wire(), externalId).query(this::row).optional();
    }

    List<LinkedAccount> page(String orgId, Environment env, Filter filter, String afterId, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(orgId, env, filter, params);
        if (afterId != null) {
            where += " and id > ?";
            params.add(afterId);
        }
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select " + COLUMNS + " from linked_account where " + where + " order by id limit ? offset ?")
                .params(params).query(this::row).list();
    }

    long count(String orgId, Environment env, Filter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(orgId, env, filter, params);
        return jdbc.sql("select count(*) from linked_account where " + where).params(params).query(Long.class).single();
    }

    private static String where(String orgId, Environment env, Filter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder("org_id = ? and environment = ?");
        params.add(orgId);
        params.add(env.wire());
        if (filter.externalId() != null) {
            sql.append(" and external_id = ?");
            params.add(filter.externalId());
        }
        if (filter.externalIdPrefix() != null) {
            sql.append(" and external_id like ? escape '\\'");
            params.add(likePrefix(filter.externalIdPrefix()));
        }
        if (filter.namePrefix() != null) {
            sql.append(" and name like ? escape '\\'");
            params.add(likePrefix(filter.namePrefix()));
        }
        return sql.toString();
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private String udfJson(List<UdfEntry> udf) {
        return json.writeValueAsString(udf);
    }

    private LinkedAccount row(ResultSet rs, int n) throws SQLException {
        String appId = rs.getString("app_id");
        Array keys = rs.getArray("auth_credential_keys");
        LinkedAccount.YourApp app = appId == null ? null : new LinkedAccount.YourApp(appId,
                rs.getBytes("auth_credentials_ciphertext"),
                keys == null ? null : Arrays.asList((String[]) keys.getArray()));
        return new LinkedAccount(rs.getString("id"), rs.getString("org_id"),
                Environment.fromWire(rs.getString("environment")), rs.getString("external_id"), rs.getString("name"),
                json.readValue(rs.getString("udf"), UDF_LIST), app,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("version"));
    }
}
