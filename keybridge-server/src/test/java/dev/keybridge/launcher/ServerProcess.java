package dev.keybridge.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./keybridge serve} as a real child process, with its whole output kept for inspection. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Keybridge listening on (http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<String> baseUrl = new CompletableFuture<>();

    private final Thread pump;

    private ServerProcess(Process process) {
        this.process = process;
        this.pump = Thread.ofVirtual().start(this::pump);
    }

    static ServerProcess start(Path dataDir, Map<String, String> env) throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("keybridge").toString(), "serve")
                .directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("KEYBRIDGE_"));
        pb.environment().put("KEYBRIDGE_PORT", "0");
        pb.environment().put("KEYBRIDGE_DATA_DIR", dataDir.toString());
        pb.environment().putAll(env);
        return new ServerProcess(pb.start());
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    baseUrl.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        baseUrl.completeExceptionally(new IllegalStateException("server exited before listening:\n" + output));
    }

    /** Waits for the "listening" line and returns the base URL it names. */
    String awaitListening(Duration timeout) throws Exception {
        return baseUrl.get(timeout.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not exit within " + timeout + ":\n" + output);
        }
        pump.join(Duration.ofSeconds(10));
        return process.exitValue();
    }

    /** Sends SIGTERM and waits for the process to exit; returns its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop within " + timeout + " of SIGTERM:\n" + output);
        }
        return process.exitValue();
    }

    /** SIGKILL, as the OOM killer or {@code kill -9} would: no shutdown hooks, no graceful stop. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
