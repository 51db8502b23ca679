package dev.keybridge.support;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Turns a hung test into a failed one. Every test method and lifecycle method (registered for the
 * whole suite through {@code junit-platform.properties}) gets {@link #LIMIT}; past it, the watchdog
 * prints every thread's stack (where it hung, in the CI log) and kills the browser processes this
 * JVM started (Chromium, then Playwright's driver), whose calls have no timeout of their own
 * ({@code Browser.newPage}, {@code Page.evaluate}) and so hung a whole CI run once. Their pending
 * calls then fail, and the test with them.
 *
 * <p>Nothing else is killed: the embedded PostgreSQL is a child of this JVM too.
 */
public final class HangWatchdog implements InvocationInterceptor {

    /** Far above the slowest test (a browser test takes 3–10 s, the image IT a few minutes). */
    static final Duration LIMIT = Duration.ofSeconds(
            Long.getLong("keybridge.test.hang-limit-seconds", Duration.ofMinutes(10).toSeconds()));

    /** After Chromium is gone, how long the driver gets before it goes too. */
    private static final Duration DRIVER_GRACE = Duration.ofSeconds(30);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hang-watchdog");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        watch(invocation, call);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        watch(invocation, call);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        watch(invocation, call);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        watch(invocation, call);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        watch(invocation, call);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        watch(invocation, call);
    }

    private static void watch(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call) throws Throwable {
        String name = call.getExecutable().getDeclaringClass().getSimpleName() + "." + call.getExecutable().getName();
        ScheduledFuture<?> chromium = TIMER.schedule(() -> expire(name, List.of("chromium")), LIMIT.toSeconds(),
                TimeUnit.SECONDS);
        ScheduledFuture<?> driver = TIMER.schedule(() -> expire(name, List.of("chromium", "playwright")),
                LIMIT.plus(DRIVER_GRACE).toSeconds(), TimeUnit.SECONDS);
        try {
            invocation.proceed();
        } finally {
            chromium.cancel(false);
            driver.cancel(false);
        }
    }

    static void expire(String name, List<String> targets) {
        StringBuilder report = new StringBuilder("HangWatchdog: ").append(name).append(" still runs after ")
                .append(LIMIT.toSeconds()).append(" s; killing ").append(targets).append(" processes. Threads:\n");
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            report.append('"').append(thread.getKey().getName()).append("\" ").append(thread.getKey().getState()).append('\n');
            for (StackTraceElement frame : thread.getValue()) {
                report.append("    at ").append(frame).append('\n');
            }
        }
        System.err.print(report);
        ProcessHandle.current().descendants().filter(p -> matches(p, targets)).forEach(p -> {
            System.err.println("HangWatchdog: kill -9 " + p.pid() + " " + p.info().command().orElse("?"));
            p.destroyForcibly();
        });
    }

    private static boolean matches(ProcessHandle process, List<String> targets) {
        String line = process.info().commandLine().orElse(process.info().command().orElse(""));
        return targets.stream().anyMatch(line::contains);
    }
}
