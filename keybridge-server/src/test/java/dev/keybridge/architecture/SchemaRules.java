package dev.keybridge.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The distribution rule read from the catalog of a migrated database (docs/scale.md): what Citus needs
 * before a table can be distributed by {@link Distribution#COLUMN}, checked on plain PostgreSQL. A table
 * not named as reference or local is a tenant table: it has {@code org_id}, each of its unique indexes
 * (primary key and unique constraints included) holds it, and a foreign key to it comes from another
 * tenant table and joins on it. Reference and distributed tables do not point at local ones.
 */
final class SchemaRules {

    private SchemaRules() {}

    /** The broken rules in {@code schema}, one line each; {@code reference} and {@code local} are the non-tenant tables. */
    static List<String> violations(JdbcClient jdbc, String schema, Set<String> reference, Set<String> local) {
        List<String> out = new ArrayList<>();
        for (String table : tables(jdbc, schema)) {
            boolean tenant = !reference.contains(table) && !local.contains(table);
            if (tenant && !hasOrgId(jdbc, schema, table)) {
                out.add("table " + table + " has no org_id: give it one, or list it in Distribution with its reason");
            }
        }
        jdbc.sql("""
                        select i.relname, t.relname,
                          exists (select 1 from pg_attribute a where a.attrelid = x.indrelid and a.attname = ?
                                  and a.attnum = any(x.indkey)) as holds
                        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
                        join pg_namespace n on n.oid = t.relnamespace
                        where n.nspname = ? and x.indisunique order by 2, 1""")
                .params(Distribution.COLUMN, schema)
                .query((rs, n) -> {
                    String table = rs.getString(2);
                    if (!reference.contains(table) && !local.contains(table) && !rs.getBoolean(3)) {
                        out.add("unique index " + rs.getString(1) + " on " + table + " does not hold org_id");
                    }
                    return table;
                }).list();
        jdbc.sql("""
                        select f.conname, src.relname, dst.relname,
                          exists (select 1 from generate_subscripts(f.conkey, 1) k
                                  join pg_attribute sa on sa.attrelid = f.conrelid and sa.attnum = f.conkey[k]
                                  join pg_attribute da on da.attrelid = f.confrelid and da.attnum = f.confkey[k]
                                  where sa.attname = ? and da.attname = ?) as joins
                        from pg_constraint f join pg_class src on src.oid = f.conrelid
                        join pg_class dst on dst.oid = f.confrelid join pg_namespace n on n.oid = src.relnamespace
                        where n.nspname = ? and f.contype = 'f' order by 2, 1""")
                .params(Distribution.COLUMN, Distribution.COLUMN, schema)
                .query((rs, n) -> {
                    String name = rs.getString(1);
                    String from = rs.getString(2);
                    String to = rs.getString(3);
                    boolean fromTenant = !reference.contains(from) && !local.contains(from);
                    boolean toTenant = !reference.contains(to) && !local.contains(to);
                    if (toTenant && !fromTenant) {
                        out.add("foreign key " + name + " from " + from + " (not a tenant table) to tenant table " + to);
                    } else if (toTenant && !rs.getBoolean(4)) {
                        out.add("foreign key " + name + " from " + from + " to " + to + " does not join on org_id");
                    } else if (local.contains(to) && !local.contains(from)) {
                        out.add("foreign key " + name + " from " + from + " to local table " + to);
                    }
                    return name;
                }).list();
        return out;
    }

    /** The ordinary and partitioned tables of {@code schema}. */
    static List<String> tables(JdbcClient jdbc, String schema) {
        return jdbc.sql("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = ? and c.relkind in ('r', 'p') and not c.relispartition order by 1""")
                .param(schema).query(String.class).list();
    }

    private static boolean hasOrgId(JdbcClient jdbc, String schema, String table) {
        return jdbc.sql("select count(*) from information_schema.columns where table_schema = ? and table_name = ? "
                        + "and column_name = ?")
                .params(schema, table, Distribution.COLUMN).query(Integer.class).single() == 1;
    }
}
