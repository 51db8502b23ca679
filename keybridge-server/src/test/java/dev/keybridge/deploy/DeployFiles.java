package dev.keybridge.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The operator files under {@code deploy/}, their queries and the tools that check them. */
final class DeployFiles {

    static final Path DEPLOY = Path.of("..", "deploy");
    static final Path RULES = DEPLOY.resolve("prometheus/keybridge-rules.yml");
    static final Path DASHBOARD = DEPLOY.resolve("grafana/keybridge.json");
    static final Path UNIT = DEPLOY.resolve("systemd/keybridge.service");
    static final Path HAPROXY_CFG = DEPLOY.resolve("haproxy/haproxy.cfg");

    /** A metric name in a PromQL expression: an identifier not followed by {@code (} (a function) or a label. */
    private static final Pattern METRIC = Pattern.compile(
            "(?<![A-Za-z0-9_\"$.])([a-z][a-z0-9_]*_[a-z0-9_]+|up)(?=\\s*[{\\[)\\s]|$)");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "and", "or", "unless", "offset");

    private DeployFiles() {}

    static List<String> ruleExpressions() throws IOException {
        JsonNode rules = YAMLMapper.builder().build().readTree(Files.readString(RULES));
        List<String> out = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                out.add(rule.get("expr").asString());
            }
        }
        return out;
    }

    static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                out.add(target.get("expr").asString());
            }
        }
        return out;
    }

    static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            String withoutLabels = expr.replaceAll("\\{[^}]*\\}", "{}").replaceAll("by \\([^)]*\\)", "");
            Matcher m = METRIC.matcher(withoutLabels);
            while (m.find()) {
                if (!PROMQL_WORDS.contains(m.group(1)) && !m.group(1).startsWith("__")) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** Runs a checking tool; its exit status and everything it printed. */
    record Run(int status, String output) {}

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Run(p.exitValue(), out);
    }

    static String tool(String variable, String fallback) {
        String env = System.getenv(variable);
        return env != null && !env.isBlank() ? env : fallback;
    }
}
