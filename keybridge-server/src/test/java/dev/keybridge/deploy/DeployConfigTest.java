package dev.keybridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator files under {@code deploy/} checked by the tools that load them: {@code promtool check rules}
 * ({@code ci/install-promtool.sh}), {@code haproxy -c} ({@code ci/install-haproxy.sh}) and
 * {@code systemd-analyze verify}.
 */
class DeployConfigTest {

    @Test
    void loadsTheAlertRulesInPromtool() throws Exception {
        String promtool = DeployFiles.tool("KEYBRIDGE_PROMTOOL", "/usr/bin/promtool");
        assumeTrue(Files.isExecutable(Path.of(promtool)), "promtool missing: run ci/install-promtool.sh");
        DeployFiles.Run run = DeployFiles.run(List.of(promtool, "check", "rules", DeployFiles.RULES.toString()));
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void readsAnExpressionForEveryRuleAndPanel() throws IOException {
        assertThat(DeployFiles.ruleExpressions()).hasSizeGreaterThanOrEqualTo(8).allMatch(e -> !e.isBlank());
        assertThat(DeployFiles.dashboardExpressions()).hasSizeGreaterThanOrEqualTo(10).allMatch(e -> !e.isBlank());
        assertThat(DeployFiles.metricNames(DeployFiles.ruleExpressions()))
                .contains("keybridge_connections", "keybridge_webhook_queue", "keybridge_refresh_total",
                        "hikaricp_connections_pending", "keybridge_database_waiting",
                        "keybridge_database_overloaded_total", "up")
                .doesNotContain("rate", "increase", "max_over_time", "status", "job");
    }

    @Test
    void passesHaproxysOwnCheckWithReadinessHealthChecks() throws Exception {
        String haproxy = DeployFiles.tool("KEYBRIDGE_HAPROXY", "/usr/sbin/haproxy");
        String cfg = Files.readString(DeployFiles.HAPROXY_CFG);
        assertThat(cfg).contains("uri /actuator/health/readiness", "expect status 200")
                .doesNotContain("cookie ", "stick ");
        assertThat(cfg.lines().filter(l -> l.strip().startsWith("server ") && l.contains(" check"))).hasSize(2);
        assumeTrue(Files.isExecutable(Path.of(haproxy)), "haproxy missing: run ci/install-haproxy.sh");
        DeployFiles.Run run = DeployFiles.run(List.of(haproxy, "-c", "-f", DeployFiles.HAPROXY_CFG.toString()));
        assertThat(run.status()).as(run.output()).isZero();
    }

    @Test
    void passesSystemdAnalyzeWithTheHardeningOptions(@TempDir Path dir) throws Exception {
        String unit = Files.readString(DeployFiles.UNIT);
        assertThat(unit.lines().map(String::strip))
                .contains("NoNewPrivileges=true", "ProtectSystem=strict", "ProtectHome=true", "PrivateTmp=true",
                        "User=keybridge", "Restart=on-failure",
                        "EnvironmentFile=/etc/keybridge/keybridge.env")
                .anyMatch(l -> l.startsWith("LimitNOFILE="))
                .anyMatch(l -> l.startsWith("ReadWritePaths=/var/lib/keybridge"));
        assertThat(unit).doesNotContain("KEYBRIDGE_MASTER_KEY=", "KEYBRIDGE_ADMIN_TOKEN=", "PASSWORD=");
        for (String line : unit.lines().map(String::strip).toList()) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                assertThat(line).as("a section or Key=value").matches("\\[[A-Za-z]+\\]|[A-Za-z]+=.*");
            }
        }
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze missing");
        // verify wants ExecStart to exist: point it at a stub, the rest of the unit unchanged.
        Path stub = Files.writeString(dir.resolve("keybridge"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = Files.writeString(dir.resolve("keybridge.service"),
                unit.replace("/opt/keybridge/keybridge", stub.toString()));
        DeployFiles.Run run = DeployFiles.run(List.of(analyze.toString(), "verify", copy.toString()));
        assertThat(run.output()).as("systemd-analyze verify prints nothing for a good unit").isBlank();
        assertThat(run.status()).isZero();
    }
}
