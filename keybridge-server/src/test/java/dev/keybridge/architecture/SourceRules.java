package dev.keybridge.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules that live in source text rather than in class files: SQL is in string literals, so who
 * writes which table, and whether SQL reads the database's clock, is read from the sources. Each
 * takes the sources as {@code path relative to the package root → text}, so a test can hand it a
 * broken sample ({@link HouseRulesCanFailTest}).
 */
final class SourceRules {

    /** The one class that writes the outbox. */
    static final String EVENT_WRITER = "events/Events.java";
    /**
     * SQL whose table name is not in the text. Only the vault's re-encryption, which rewrites the
     * sealed columns each owner declares as a {@code SealedColumn} bean (DEVELOPERS.md: Secrets), and
     * the restore of a backup, which loads every table of the catalog into an empty database.
     */
    static final Set<String> DYNAMIC_WRITERS = Set.of("vault/Reencryption.java", "backup/BackupRestorer.java");

    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern WRITE = Pattern.compile(
            "(?is)\\b(?:insert\\s+into|delete\\s+from|merge\\s+into|truncate(?:\\s+table)?)\\s+([a-z_][a-z_0-9]*)"
                    + "|\\bupdate\\s+([a-z_][a-z_0-9]*)(?:\\s+(?:as\\s+)?[a-z_][a-z_0-9]*)?\\s+set\\b");
    /** A literal that ends with a write keyword and goes on with a concatenated table name. */
    private static final Pattern DYNAMIC = Pattern.compile(
            "(?i)(?:(\\w+)\\s+)?(?<=[\"\\s])(insert\\s+into|delete\\s+from|update|merge\\s+into|truncate)\\s*\"\\s*\\+");
    /** Words before {@code update} that make it part of another clause. */
    private static final Set<String> NOT_A_WRITE = Set.of("for", "do", "or", "key");
    private static final Pattern SCOPED_WRITE = Pattern.compile(
            "(?is)\\bdelete\\s+from\\s+([a-z_][a-z_0-9]*)|\\bupdate\\s+([a-z_][a-z_0-9]*)(?:\\s+(?:as\\s+)?[a-z_][a-z_0-9]*)?\\s+set\\b");
    private static final Pattern WHERE = Pattern.compile("(?i)\\bwhere\\b");
    /** {@code org_id = …} or {@code org_id in …}, with or without a table alias. */
    private static final Pattern ORG_FILTER = Pattern.compile("(?i)\\borg_id\\s*(?:=|\\bin\\b)");
    /** The end of one string literal, a {@code +}, and the start of the next (not text blocks). */
    private static final Pattern JOINED = Pattern.compile("(?<!\")\"\\s*\\+\\s*\"(?!\")");
    private static final Pattern SQL_NOW = Pattern.compile(
            "(?i)\\b(now\\(\\)|current_timestamp|localtimestamp|clock_timestamp\\(\\)|transaction_timestamp\\(\\))");
    private static final Pattern WALL_CLOCK = Pattern.compile(
            "\\b(Instant|LocalDateTime|OffsetDateTime|ZonedDateTime|LocalDate|LocalTime)\\.now\\(\\)|System\\.currentTimeMillis\\(\\)");

    /** The {@link #emitSites} key of an emit whose event type is not named by a constant in the call. */
    static final String UNNAMED_TYPE = "(no EventType constant)";
    private static final Pattern EMIT_CALL = Pattern.compile("\\.\\s*(?:emit|emitDispatched)\\s*\\(");
    private static final Pattern EVENT_TYPE = Pattern.compile("\\bEventType\\s*\\.\\s*([A-Z][A-Z0-9_]*)\\b");

    private SourceRules() {}

    /** Every {@code .java} file under {@code root}, by its path relative to it. */
    static Map<String, String> read(Path root) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(root.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    /** Table → the packages whose SQL writes it (insert, update, delete, merge, truncate). */
    static Map<String, Set<String>> tableWriters(Map<String, String> sources) {
        Map<String, Set<String>> writers = new TreeMap<>();
        sources.forEach((path, text) -> {
            for (String sql : literals(text)) {
                Matcher m = WRITE.matcher(sql);
                while (m.find()) {
                    String table = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase();
                    writers.computeIfAbsent(table, t -> new TreeSet<>()).add(packageOf(path));
                }
            }
        });
        return writers;
    }

    /**
     * Each table written by one package; the {@code event} table only by {@link #EVENT_WRITER}; no
     * SQL that writes a table named outside its text, but in {@link #DYNAMIC_WRITERS}.
     */
    static List<String> tableOwnershipViolations(Map<String, String> sources) {
        List<String> out = new ArrayList<>();
        tableWriters(sources).forEach((table, packages) -> {
            if (packages.size() > 1) {
                out.add("table " + table + " is written by " + packages.size() + " packages: " + packages);
            }
        });
        sources.forEach((path, text) -> {
            for (String sql : literals(text)) {
                Matcher m = WRITE.matcher(sql);
                while (m.find()) {
                    String table = m.group(1) != null ? m.group(1) : m.group(2);
                    if (table.equalsIgnoreCase("event") && !path.equals(EVENT_WRITER)) {
                        out.add(path + " writes the event table (only " + EVENT_WRITER + " may: Events.emit)");
                    }
                }
            }
            Matcher d = DYNAMIC.matcher(text);
            while (d.find()) {
                boolean clause = d.group(1) != null && NOT_A_WRITE.contains(d.group(1).toLowerCase());
                if (!clause && !DYNAMIC_WRITERS.contains(path)) {
                    out.add(path + " writes a table whose name is not in its SQL: " + d.group().strip());
                }
            }
        });
        return out;
    }

    /**
     * A write to a tenant table that need not filter by organization: in {@code path}, on {@code table},
     * a statement containing {@code fragment} ("" for all of them), for {@code reason}.
     */
    record Exemption(String path, String table, String fragment, String reason) {
        boolean covers(String file, String written, String statement) {
            return path.equals(file) && table.equals(written) && statement.contains(fragment);
        }
    }

    /**
     * UPDATE and DELETE statements on tenant tables (any table not in {@code notDistributed}) whose
     * WHERE does not filter by {@code org_id} (docs/scale.md: one organization's rows, one shard), unless
     * an exemption covers them; and exemptions that no longer cover anything. Adjacent literals joined
     * with {@code +} are read as one statement.
     */
    static List<String> unscopedTenantWrites(Map<String, String> sources, Set<String> notDistributed,
                                             List<Exemption> exemptions) {
        List<String> out = new ArrayList<>();
        Set<Exemption> used = new HashSet<>();
        sources.forEach((path, text) -> {
            for (String sql : literals(JOINED.matcher(text).replaceAll(""))) {
                Matcher m = SCOPED_WRITE.matcher(sql);
                while (m.find()) {
                    String table = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase();
                    String statement = sql.substring(m.start());
                    Matcher where = WHERE.matcher(statement);
                    if (notDistributed.contains(table)
                            || where.find() && ORG_FILTER.matcher(statement.substring(where.end())).find()) {
                        continue;
                    }
                    List<Exemption> covering = exemptions.stream().filter(e -> e.covers(path, table, statement)).toList();
                    if (covering.isEmpty()) {
                        String line = String.join(" ", statement.strip().split("\\s+"));
                        out.add(path + " writes " + table + " without filtering by org_id: "
                                + line.substring(0, Math.min(120, line.length())));
                    }
                    used.addAll(covering);
                }
            }
        });
        exemptions.stream().filter(e -> !used.contains(e))
                .forEach(e -> out.add("exemption covers no write any more: " + e.path() + " " + e.table() + " '" + e.fragment() + "'"));
        return out;
    }

    /** SQL reading the database's clock, and Java reading the wall clock (DEVELOPERS.md, Time). */
    static List<String> clockViolations(Map<String, String> sources) {
        List<String> out = new ArrayList<>();
        sources.forEach((path, text) -> {
            for (String sql : literals(text)) {
                if (SQL_NOW.matcher(sql).find() && sql.matches("(?is).*\\b(select|update|insert|delete)\\b.*")) {
                    out.add(path + ": SQL reads the database clock: " + firstLine(sql));
                }
            }
            Matcher w = WALL_CLOCK.matcher(text);
            while (w.find()) {
                if (!path.equals("web/Ids.java")) {   // ObjectId timestamps: ids, not time logic
                    out.add(path + ": " + w.group());
                }
            }
        });
        return out;
    }

    /** Files longer than {@code max} lines. */
    static List<String> oversized(Map<String, String> sources, int max) {
        List<String> out = new ArrayList<>();
        sources.forEach((path, text) -> {
            long lines = text.lines().count();
            if (lines > max) {
                out.add(path + " (" + lines + ")");
            }
        });
        return out;
    }

    /**
     * Event type constant ({@code EventType.X}) → the places ({@code file:line}) that emit it: every call of
     * {@code emit(} / {@code emitDispatched(} outside the outbox itself, with the constant its statement names.
     * A call whose statement names no constant (a type passed in a variable) is listed under {@link #UNNAMED_TYPE}:
     * the rule could not tell its type, so it counts as a violation.
     */
    static Map<String, List<String>> emitSites(Map<String, String> sources) {
        Map<String, List<String>> out = new TreeMap<>();
        sources.forEach((path, text) -> {
            if (path.equals(EVENT_WRITER)) {
                return;
            }
            Matcher call = EMIT_CALL.matcher(text);
            while (call.find()) {
                int end = text.indexOf(';', call.end());
                String statement = text.substring(call.end(), end < 0 ? text.length() : end);
                Matcher type = EVENT_TYPE.matcher(statement);
                String site = path + ":" + (text.substring(0, call.start()).lines().count());
                out.computeIfAbsent(type.find() ? type.group(1) : UNNAMED_TYPE, k -> new ArrayList<>()).add(site);
            }
        });
        return out;
    }

    private static List<String> literals(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = LITERAL.matcher(source);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    private static String packageOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
    }

    private static String firstLine(String sql) {
        return sql.strip().lines().findFirst().orElse("");
    }
}
