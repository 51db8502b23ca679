package dev.keybridge.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL named by a data directory's {@code postmaster.pid}. A Keybridge JVM that was killed
 * (kill -9, OOM killer, power loss of the JVM only) leaves its embedded PostgreSQL running; the next
 * start finds it here and stops it (fast shutdown: a clean checkpoint) before starting its own.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    private static final Duration FAST_STOP = Duration.ofSeconds(60);
    private static final Duration IMMEDIATE_STOP = Duration.ofSeconds(30);

    private StalePostmaster() {}

    /** The live postmaster serving {@code pgData}, if its pid file names one. */
    static Optional<ProcessHandle> find(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isPostgresFor(p, pgData));
    }

    /**
     * Stops the postmaster left running on {@code pgData}, if any, and removes a pid file that names a
     * process which is not ours (a reused pid), so that PostgreSQL starts.
     */
    static void stopIfRunning(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> running = find(pgData);
        if (running.isEmpty()) {
            log.info("Embedded PostgreSQL did not stop cleanly last time; it will recover from its log on start");
            if (namesOtherLiveProcess(pidFile)) {
                Files.deleteIfExists(pidFile);
            }
            return;
        }
        ProcessHandle postmaster = running.get();
        log.warn("Found the embedded PostgreSQL (pid {}) still running from a Keybridge that did not stop cleanly; "
                + "stopping it before starting again", postmaster.pid());
        signal(postmaster.pid(), "INT");
        if (!await(postmaster, FAST_STOP)) {
            log.warn("PostgreSQL pid {} did not stop within {}; asking for an immediate stop", postmaster.pid(), FAST_STOP);
            signal(postmaster.pid(), "QUIT");
            if (!await(postmaster, IMMEDIATE_STOP)) {
                throw new IOException("The PostgreSQL left running on " + pgData + " (pid " + postmaster.pid()
                        + ") does not stop; stop it by hand");
            }
        }
    }

    private static boolean namesOtherLiveProcess(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).getFirst().trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isPostgresFor(ProcessHandle process, Path pgData) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> c.endsWith("/postgres") || c.endsWith("/postmaster")).orElse(true);
        boolean ours = info.commandLine().map(c -> c.contains(pgData.toString())).orElse(true);
        return postgres && ours;
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
    }

    private static boolean await(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
    }
}
