package dev.keybridge.userconfig;

import dev.keybridge.tenancy.Environment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Configs in PostgreSQL; every query is scoped by organization and environment. */
@Repository
class ConfigStore {

    private static final String COLUMNS = """
            c.id, c.org_id, c.environment, c.linked_account_id, la.external_id, c.slug, c.config_id, c.labels::text,
            c.field_values::text, c.workflow_values::text, c.created_at, c.updated_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ConfigStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<UserConfig> find(String orgId, Environment env, String accountId, String slug, String configId, boolean lock) {
        return jdbc.sql("select " + COLUMNS + " from user_config c join linked_account la on la.id = c.linked_account_id "
                        + "where c.org_id = ? and c.environment = ? and c.linked_account_id = ? and c.slug = ? "
                        + "and c.config_id = ?" + (lock ? " for update of c" : ""))
                .params(orgId, env.wire(), accountId, slug, configId).query(this::row).optional();
    }

    /** Every config of one linked account, by app then config id (the dashboard's account page). */
    List<UserConfig> forAccount(String orgId, Environment env, String accountId) {
        return jdbc.sql("select " + COLUMNS + " from user_config c join linked_account la on la.id = c.linked_account_id "
                        + "where c.org_id = ? and c.environment = ? and c.linked_account_id = ? order by c.slug, c.config_id")
                .params(orgId, env.wire(), accountId).query(this::row).list();
    }

    /** Inserts the config unless one with its key exists (a concurrent create); true when inserted. */
    boolean insertIfAbsent(UserConfig c) {
        return jdbc.sql("""
                        insert into user_config (id, org_id, environment, linked_account_id, slug, config_id, labels,
                          field_values, workflow_values, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?)
                        on conflict (linked_account_id, slug, config_id, org_id) do nothing""")
                .params(c.id(), c.orgId(), c.environment().wire(), c.accountId(), c.slug(), c.configId(), labels(c),
                        json.writeValueAsString(c.values()), workflows(c), Timestamp.from(c.createdAt()),
                        Timestamp.from(c.updatedAt()))
                .update() == 1;
    }

    void update(UserConfig c) {
        jdbc.sql("update user_config set labels = cast(? as jsonb), field_values = cast(? as jsonb), "
                        + "workflow_values = cast(? as jsonb), updated_at = ? where id = ? and org_id = ? and environment = ?")
                .params(labels(c), json.writeValueAsString(c.values()), workflows(c), Timestamp.from(c.updatedAt()),
                        c.id(), c.orgId(), c.environment().wire())
                .update();
    }

    boolean delete(UserConfig c) {
        return jdbc.sql("delete from user_config where id = ? and org_id = ? and environment = ?")
                .params(c.id(), c.orgId(), c.environment().wire()).update() == 1;
    }

    private String labels(UserConfig c) {
        return json.writeValueAsString(c.labels().wire());
    }

    private String workflows(UserConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        c.workflows().forEach((id, w) -> out.put(id, Map.of("enabled", w.enabled(), "fields", w.values())));
        return json.writeValueAsString(out);
    }

    private UserConfig row(ResultSet rs, int n) throws SQLException {
        Labels labels = Labels.parse(json.readTree(rs.getString(8)), "labels");
        Map<String, JsonNode> values = map(json.readTree(rs.getString(9)));
        Map<String, UserConfig.WorkflowValues> workflows = new LinkedHashMap<>();
        JsonNode w = json.readTree(rs.getString(10));
        for (String id : w.propertyNames()) {
            JsonNode one = w.get(id);
            workflows.put(id, new UserConfig.WorkflowValues(one.path("enabled").asBoolean(false), map(one.path("fields"))));
        }
        return new UserConfig(rs.getString(1), rs.getString(2), Environment.fromWire(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), labels, values, workflows,
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant());
    }

    private static Map<String, JsonNode> map(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (String k : node.propertyNames()) {
                out.put(k, node.get(k));
            }
        }
        return out;
    }
}
