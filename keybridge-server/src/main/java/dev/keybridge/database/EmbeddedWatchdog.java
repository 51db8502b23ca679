package dev.keybridge.database;

import java.time.Duration;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded PostgreSQL under a running node. When its postmaster dies (killed, OOM
 * killer), the watchdog starts it again on the same port (the pool reconnects; readiness answers
 * 503 meanwhile). If it cannot be started after a few tries, the node exits with status 3 so that a
 * supervisor (systemd, Kubernetes, Docker's restart policy) restarts the whole node.
 */
final class EmbeddedWatchdog {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedWatchdog.class);
    static final int EXIT_DATABASE_LOST = 3;

    private final EmbeddedServer server;
    private final Duration interval;
    private final int attempts;
    private final IntConsumer exit;
    private volatile boolean running;
    private Thread thread;

    EmbeddedWatchdog(EmbeddedServer server, Duration interval, int attempts, IntConsumer exit) {
        this.server = server;
        this.exit = exit;
        this.interval = interval;
        this.attempts = attempts;
    }

    synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("embedded-postgres-watchdog").start(this::watch);
    }

    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (running && !server.isClosed() && !server.isAlive()) {
                recover();
            }
        }
    }

    private void recover() {
        log.error("Embedded PostgreSQL stopped under the running node; starting it again");
        for (int attempt = 1; attempt <= attempts && running; attempt++) {
            try {
                server.restart();
                if (server.isAlive()) {
                    return;
                }
            } catch (Exception e) {
                log.error("Restarting embedded PostgreSQL failed (attempt {} of {}): {}", attempt, attempts, e.toString());
            }
            try {
                Thread.sleep(interval.multipliedBy(1L << Math.min(attempt, 5)).toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
        if (running) {
            log.error("Embedded PostgreSQL could not be started again; exiting with status {} so a supervisor restarts "
                    + "the node", EXIT_DATABASE_LOST);
            running = false;
            exit.accept(EXIT_DATABASE_LOST);
        }
    }
}
