package dev.keybridge.config;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the three places that speak of settings: README.md's tables (variable, default, meaning),
 * application.properties (the variables of Spring's own settings) and {@link KeybridgeSettings} (read by
 * {@link SettingsCatalog}). {@link #problems} lists every disagreement; none means they agree.
 */
final class SettingsDocumentation {

    /** A README table row: {@code | `KEYBRIDGE_X` | default | meaning |}. */
    record Row(String variable, String defaultCell, String meaning) {}

    /** An application.properties line: its property and, when its value is {@code ${KEYBRIDGE_X:default}}, the variable. */
    record Mapping(String property, String variable, String defaultValue) {}

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(KEYBRIDGE_[A-Z0-9_]+)`\\s*\\|(.*)\\|\\s*$");
    private static final Pattern CELL_SPLIT = Pattern.compile("(?<!\\\\)\\|");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{(KEYBRIDGE_[A-Z0-9_]+)(?::(.*))?}$");
    private static final List<String> NOT_SERVER = List.of("(launcher only)", "(tests only)");

    private SettingsDocumentation() {}

    static Map<String, Row> readme(String markdown) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : markdown.split("\n")) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                String[] cells = CELL_SPLIT.split(m.group(2), -1);
                String meaning = cells.length > 1 ? cells[1].strip() : "";
                rows.put(m.group(1), new Row(m.group(1), cells[0].strip(), meaning));
            }
        }
        return rows;
    }

    static List<Mapping> properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Mapping> out = new ArrayList<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            Matcher m = PLACEHOLDER.matcher(p.getProperty(key).strip());
            out.add(m.matches() ? new Mapping(key, m.group(1), m.group(2) == null ? "" : m.group(2))
                    : new Mapping(key, null, null));
        }
        return out;
    }

    static List<String> problems(Map<String, Row> readme, List<Mapping> properties, List<SettingsCatalog.Setting> record) {
        List<String> problems = new ArrayList<>();
        Set<String> read = new HashSet<>();
        for (SettingsCatalog.Setting s : record) {
            if (s.variable() == null) {
                problems.add(s.property() + " has no @Env: no documented variable sets it");
                continue;
            }
            if (!read.add(s.variable())) {
                problems.add(s.variable() + " is declared by two settings");
            }
            sameDefault(readme, s.variable(), s.defaultValue(), "the record's @DefaultValue", problems);
        }
        for (Mapping m : properties) {
            if (m.property().startsWith("keybridge.")) {
                problems.add("application.properties sets " + m.property()
                        + ": KeybridgeSettings declares its variable (@Env) and default (@DefaultValue)");
            } else if (m.variable() != null) {
                if (!read.add(m.variable())) {
                    problems.add(m.variable() + " is read twice (application.properties and KeybridgeSettings)");
                }
                sameDefault(readme, m.variable(), m.defaultValue().isEmpty() ? null : m.defaultValue(),
                        "application.properties' " + m.property(), problems);
            }
        }
        for (Row r : readme.values()) {
            if (!read.contains(r.variable()) && NOT_SERVER.stream().noneMatch(r.meaning()::startsWith)) {
                problems.add("README.md documents " + r.variable() + ", which no setting reads (mark a launcher's or "
                        + "the tests' own with (launcher only) / (tests only))");
            }
        }
        return problems;
    }

    /** README's default of {@code variable} is {@code `expected`}, or no single value when there is none. */
    private static void sameDefault(Map<String, Row> readme, String variable, String expected, String source,
                                    List<String> problems) {
        Row row = readme.get(variable);
        if (row == null) {
            problems.add(variable + " (" + source + ") is not in README.md's settings tables");
            return;
        }
        String documented = value(row.defaultCell());
        if (expected != null && !expected.equals(documented)) {
            problems.add(variable + ": README.md says the default is " + row.defaultCell() + ", " + source
                    + " is `" + expected + "`");
        } else if (expected == null && documented != null) {
            problems.add(variable + ": README.md gives the default `" + documented + "`, " + source + " has none");
        }
    }

    /** The value of a cell that is exactly one code span ({@code \|} is a {@code |}), else null (prose). */
    private static String value(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.matches() ? m.group(1).replace("\\|", "|") : null;
    }
}
