package dev.keybridge.background;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background loop of this node (webhook fan-out, webhook claims, token refresh): runs
 * {@link #pass()} again at once while it reports more work, otherwise waits up to the poll interval
 * or until {@link #wake()}; a failed pass is logged and retried after the poll interval. Subclasses
 * hold only their own work; starting, waking and stopping live here.
 */
public abstract class BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Duration poll;
    private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
    private volatile boolean running;
    private @Nullable Thread thread;

    protected BackgroundLoop(String name, Duration poll) {
        this.name = name;
        this.poll = poll;
    }

    /** One round of work; true when there is more to do right away. */
    protected abstract boolean pass() throws InterruptedException;

    /** Starts the loop on its own thread; does nothing if it runs already. */
    protected final synchronized void startLoop() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** Stops the loop and waits (a few seconds at most) for the current pass to end. */
    protected final synchronized void stopLoop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks the loop to run a pass now instead of at the end of its wait. */
    public final void wake() {
        wake.offer(Boolean.TRUE);
    }

    public final boolean isLoopRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                if (!pass()) {
                    wake.poll(poll.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("{} failed; retrying in {}: {}", name, poll, e.toString());
                try {
                    Thread.sleep(poll.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
