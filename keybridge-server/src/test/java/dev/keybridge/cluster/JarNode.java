package dev.keybridge.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Keybridge node from the built jar ({@code target/keybridge-server.jar}) in its own JVM, started
 * with only environment variables as an operator would; output in {@code target/<name>.log}.
 */
final class JarNode implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Keybridge listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final String name;
    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private JarNode(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().start(() -> pump(log));
    }

    static JarNode start(String name, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        Path jar = Path.of("target", "keybridge-server.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first (mvn package): " + jar);
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("KEYBRIDGE_"));
        pb.environment().put("KEYBRIDGE_PORT", "0");
        pb.environment().putAll(env);
        return new JarNode(name, pb.start(), Path.of("target", name + ".log"));
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        port.completeExceptionally(new IllegalStateException(name + " exited before listening; see target/" + name + ".log"));
    }

    int awaitPort() throws Exception {
        return port.get(3, TimeUnit.MINUTES);
    }

    /** SIGKILL: no graceful stop, leases and in-flight work are left behind. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
