package dev.keybridge.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Keybridge server in a child JVM (the test classpath, {@code KeybridgeApplication}), for tests
 * that kill a node with SIGKILL. Its output goes to {@code target/<name>.log}.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Keybridge listening on (http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final String base;

    private NodeProcess(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    /** Starts a node on a random port and waits until it listens. */
    public static NodeProcess start(String name, String databaseUrl, Path dataDir, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.keybridge.KeybridgeApplication", "--server.port=0", "--keybridge.database.url=" + databaseUrl,
                "--keybridge.data-dir=" + dataDir, "--keybridge.admin-token=" + IntegrationTest.ADMIN_TOKEN,
                "--keybridge.database.pool-size=5", "--logging.level.root=WARN"));
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        IntegrationTest.RATE_LIMIT_SETTINGS.forEach((k, v) -> {
            if (!settings.containsKey(k)) {
                command.add("--" + k + "=" + v);
            }
        });
        Path log = Path.of("target", name + ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> listening = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> pump(p, log, listening));
            String base = listening.get(120, TimeUnit.SECONDS);
            return new NodeProcess(p, base);
        } catch (Exception e) {
            throw new IllegalStateException("node " + name + " did not start; see " + log.toAbsolutePath(), e);
        }
    }

    private static void pump(Process p, Path log, CompletableFuture<String> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(new UncheckedIOException(e));
        }
        listening.completeExceptionally(new IllegalStateException("exited before listening"));
    }

    public Api api() {
        return new Api(base);
    }

    /** A new organization made through this node's admin API. */
    public TestOrganization newOrganization() {
        return TestOrganization.create(api().withHeader("authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN),
                "org-" + System.nanoTime());
    }

    /** SIGKILL: no shutdown hooks, no graceful stop. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
