package dev.keybridge.userconfig;

import dev.keybridge.tenancy.Environment;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Config schemas in PostgreSQL, one per organization, environment and app. */
@Repository
class SchemaStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    private final Clock clock;

    SchemaStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<ConfigSchema> find(String orgId, Environment env, String slug) {
        return jdbc.sql("select fields::text, workflows::text, created_at, updated_at from config_schema "
                        + "where org_id = ? and environment = ? and slug = ?")
                .params(orgId, env.wire(), slug)
                .query(row(slug))
                .optional();
    }

    /** Reads {@code fields, workflows, created_at, updated_at} (fields and workflows as text). */
    private RowMapper<ConfigSchema> row(String slug) {
        return (rs, n) -> {
            ConfigSchema s = SchemaParser.parse(slug, json.readTree("{\"fields\":" + rs.getString(1)
                    + ",\"workflows\":" + rs.getString(2) + "}"));
            return new ConfigSchema(slug, s.fields(), s.workflows(), rs.getTimestamp(3).toInstant(),
                    rs.getTimestamp(4).toInstant());
        };
    }

    ConfigSchema put(String orgId, Environment env, ConfigSchema schema) {
        Instant now = clock.instant();
        // returning the row as written: a delete right after it must not turn the answer into a 500
        return jdbc.sql("""
                        insert into config_schema (org_id, environment, slug, fields, workflows, created_at, updated_at)
                        values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)
                        on conflict (org_id, environment, slug) do update set fields = excluded.fields,
                          workflows = excluded.workflows, updated_at = excluded.updated_at
                        returning fields::text, workflows::text, created_at, updated_at""")
                .params(orgId, env.wire(), schema.slug(),
                        json.writeValueAsString(schema.fields().stream().map(FieldDef::wire).toList()),
                        json.writeValueAsString(schema.workflows().stream().map(ConfigSchema.Workflow::wire).toList()),
                        Timestamp.from(now), Timestamp.from(now))
                .query(row(schema.slug()))
                .single();
    }

    boolean delete(String orgId, Environment env, String slug) {
        return jdbc.sql("delete from config_schema where org_id = ? and environment = ? and slug = ?")
                .params(orgId, env.wire(), slug).update() == 1;
    }

    List<String> slugs(String orgId, Environment env) {
        return jdbc.sql("select slug from config_schema where org_id = ? and environment = ? order by slug")
                .params(orgId, env.wire()).query(String.class).list();
    }
}
