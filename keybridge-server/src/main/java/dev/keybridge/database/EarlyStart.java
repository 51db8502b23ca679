package dev.keybridge.database;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the settings are known, so it boots
 * while Spring builds the context (about a second saved on a 2-core machine). The context's
 * {@code EmbeddedDatabase} bean then takes this one when it is for the same data directory; if the
 * context fails before it does, {@link #abandon()} stops it.
 */
public final class EarlyStart {

    private static volatile Path dataDir;
    private static volatile CompletableFuture<EmbeddedDatabase> starting;

    private EarlyStart() {
    }

    /** Begins starting the embedded PostgreSQL of {@code dir} (once per JVM). */
    public static synchronized void begin(Path dir) {
        if (starting != null) {
            return;
        }
        dataDir = dir.toAbsolutePath().normalize();
        CompletableFuture<EmbeddedDatabase> future = new CompletableFuture<>();
        starting = future;
        Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
            try {
                future.complete(EmbeddedDatabase.start(dir));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        });
    }

    /** The database begun for {@code dir} (waiting for it), or a new start when none was begun for it. */
    public static EmbeddedDatabase take(Path dir) {
        CompletableFuture<EmbeddedDatabase> future;
        synchronized (EarlyStart.class) {
            future = dir.toAbsolutePath().normalize().equals(dataDir) ? starting : null;
            if (future != null) {
                starting = null;
                dataDir = null;
            }
        }
        if (future == null) {
            return EmbeddedDatabase.start(dir);
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Stops a database begun and never taken (the context failed first). */
    public static void abandon() {
        CompletableFuture<EmbeddedDatabase> future;
        synchronized (EarlyStart.class) {
            future = starting;
            starting = null;
            dataDir = null;
        }
        if (future != null) {
            try {
                future.join().close();
            } catch (Exception ignored) {
                // it did not start, or stopping failed: the next start stops a stale postmaster
            }
        }
    }
}
