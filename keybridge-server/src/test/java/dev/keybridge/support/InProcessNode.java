package dev.keybridge.support;

import dev.keybridge.KeybridgeApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A Keybridge node in this JVM (a Spring context of its own on a random port) on the database and data
 * directory it is given, with the test rate limits of {@link IntegrationTest} unless {@code settings}
 * sets them, and {@code clock} as its clock: nodes given one {@link TestClock} share their time, and a
 * test moves it for all of them. Close it when done.
 */
public final class InProcessNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private InProcessNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static InProcessNode start(String databaseUrl, Path dataDir, TestClock clock, Map<String, String> settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--keybridge.database.url=" + databaseUrl,
                "--keybridge.data-dir=" + dataDir, "--keybridge.admin-token=" + IntegrationTest.ADMIN_TOKEN,
                "--keybridge.database.pool-size=5"));
        IntegrationTest.RATE_LIMIT_SETTINGS.forEach((k, v) -> {
            if (!settings.containsKey(k)) {
                args.add("--" + k + "=" + v);
            }
        });
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KeybridgeApplication.class)
                .initializers(ctx -> ((GenericApplicationContext) ctx)
                        .registerBean("sharedTestClock", TestClock.class, () -> clock, bd -> bd.setPrimary(true)))
                .run(args.toArray(String[]::new));
        return new InProcessNode(context);
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** This node's bean of {@code type}. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A new organization made through this node's admin API. */
    public TestOrganization newOrganization() {
        return TestOrganization.create(api().withHeader("authorization", "Bearer " + IntegrationTest.ADMIN_TOKEN),
                "org-" + System.nanoTime());
    }

    @Override
    public void close() {
        context.close();
    }
}
