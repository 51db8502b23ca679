package dev.keybridge.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The application's tables as the catalog shows them (the connection's current schema), parents before
 * the tables that reference them, with their columns (generated ones left out: PostgreSQL computes
 * them), and its sequences. {@link #EXCLUDED} names the tables no archive holds, each with its reason.
 */
public final class SchemaTables {

    /** Flyway's history: archived (it says the schema version), never counted as data. */
    public static final String FLYWAY_HISTORY = "flyway_schema_history";

    /** Tables left out of every archive, and why; nothing else is left out. */
    public static final Map<String, String> EXCLUDED = Map.of(
            "database_heartbeat", "node-local: readiness's write check; its one row is seeded by its migration "
                    + "and rewritten by every node");

    /** A table to archive: its name and the columns copied. */
    public record Table(String name, List<String> columns) {}

    private SchemaTables() {}

    /** Every table of the current schema but {@link #EXCLUDED}, in foreign-key order (parents first). */
    public static List<Table> list(Connection c) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select c.relname, a.attname from pg_class c
                  join pg_namespace n on n.oid = c.relnamespace
                  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                 where n.nspname = current_schema() and c.relkind = 'r'
                 order by c.relname, a.attnum""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select c.relname, p.relname from pg_constraint k
                  join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
                  join pg_namespace n on n.oid = c.relnamespace
                 where k.contype = 'f' and n.nspname = current_schema() and c.oid <> p.oid""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                parents.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
            }
        }
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String table : columns.keySet()) {
            place(table, columns, parents, placed, visiting, ordered);
        }
        return ordered;
    }

    private static void place(String table, Map<String, List<String>> columns, Map<String, Set<String>> parents,
                              Set<String> placed, Set<String> visiting, List<Table> ordered) {
        if (placed.contains(table) || EXCLUDED.containsKey(table) || !columns.containsKey(table)) {
            return;
        }
        if (!visiting.add(table)) {
            throw new BackupException("Foreign keys form a cycle through table " + table + "; it cannot be loaded in order");
        }
        for (String parent : parents.getOrDefault(table, Set.of())) {
            place(parent, columns, parents, placed, visiting, ordered);
        }
        visiting.remove(table);
        placed.add(table);
        ordered.add(new Table(table, List.copyOf(columns.get(table))));
    }

    /** The sequences of the current schema (identity and serial ones included). */
    public static List<String> sequences(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = current_schema() and c.relkind = 'S' order by c.relname""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The schema's Flyway version (the latest successful versioned migration), or null before any. */
    public static @Nullable String schemaVersion(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select to_regclass(current_schema() || '." + FLYWAY_HISTORY + "')");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next() || rs.getString(1) == null) {
                return null;
            }
        }
        try (PreparedStatement s = c.prepareStatement("select version from " + FLYWAY_HISTORY
                + " where success and version is not null order by installed_rank desc limit 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A quoted identifier (names come from the catalog, quoted anyway). */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(SchemaTables::quote).toList());
    }
}
