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

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        if (enabled()) {
            startLoop();
        }
    }

    @Override
    public void start() {
        // started on ApplicationReadyEvent, once migrations have run
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
