package dev.keybridge.background;

import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * A {@link BackgroundLoop} that starts once the application is ready (the server is up and the
 * migrations have run) when {@link #enabled()}, and stops with the context.
 */
public abstract class ReadyLoop extends BackgroundLoop implements SmartLifecycle {

    protected ReadyLoop(String name, Duration poll) {
        super(name, poll);
    }

    /** Whether this node runs the loop (a setting); true unless overridden. */
    protected boolean enabled() {
        return true;
    }

    private volatile boolean ready;

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        ready = true;
        if (enabled()) {
            startLoop();
        }
    }

    /**
     * First started on ApplicationReadyEvent, once migrations have run; after that, started again whenever the
     * context is (a stopped and restarted context: Spring's test framework pauses the cached ones it does not use).
     */
    @Override
    public void start() {
        if (ready && enabled()) {
            startLoop();
        }
    }

    @Override
    public void stop() {
        stopLoop();
    }

    @Override
    public boolean isRunning() {
        return isLoopRunning();
    }
}
