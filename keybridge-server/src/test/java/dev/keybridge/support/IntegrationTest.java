package dev.keybridge.support;

import dev.keybridge.KeybridgeApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one real server on a random port over one real PostgreSQL
 * database, shared by every test class that extends this (Spring caches the context). Tests keep
 * out of each other's way by working in organizations of their own ({@link #newOrganization()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClock.Config.class)
public abstract class IntegrationTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef0123";

    private static final String DATABASE_URL = TestDatabase.get().createDatabase();
    private static final Path DATA_DIR = tempDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** The server's clock: move it to test expiry without sleeping (and reset it in a finally). */
    @Autowired
    protected TestClock clock;

    protected Api api;
    protected Api admin;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("keybridge.database.url", () -> DATABASE_URL);
        registry.add("keybridge.data-dir", DATA_DIR::toString);
        registry.add("keybridge.admin-token", () -> ADMIN_TOKEN);
        // Each distinct test context keeps its pool open while cached (Hikari fills it to its size): six contexts
        // of 12 stay under a stock PostgreSQL's max_connections of 100 (CI's second run uses the machine's server).
        registry.add("keybridge.database.pool-size", () -> "12");
        WEBHOOK_SETTINGS.forEach((k, v) -> registry.add(k, () -> v));
        RATE_LIMIT_SETTINGS.forEach((k, v) -> registry.add(k, () -> v));
        Smtp.settings().forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Webhook settings of the test server: short retries and timeouts so failure paths run in seconds. */
    public static final Map<String, String> WEBHOOK_SETTINGS = Map.of(
            "keybridge.webhooks.retry-schedule", "200ms,200ms,300ms,300ms,500ms",
            "keybridge.webhooks.timeout", "2s",
            "keybridge.webhooks.lease", "8s",
            "keybridge.webhooks.poll-interval", "100ms",
            "keybridge.webhooks.max-in-flight-per-endpoint", "2");

    /**
     * Failed-authentication limits of the test server and of every node on its database: the shared
     * counters take every test's deliberate failures from 127.0.0.1, so the limits are out of reach
     * (a node with lower ones would block 127.0.0.1 for all of them). RateLimitTest checks the
     * limits on nodes over a database of their own.
     */
    public static final Map<String, String> RATE_LIMIT_SETTINGS = Map.of(
            "keybridge.rate-limits.failed-auth-per-address", "1000000",
            "keybridge.rate-limits.failed-auth-per-credential", "1000000",
            "keybridge.dashboard.max-signin-failures-per-address", "1000000");

    /**
     * A second node in this JVM on the test server's database and data directory (its master keyset),
     * with the test server's webhook and rate-limit settings, plus {@code extra} arguments
     * ({@code --name=value}). Close it when done.
     */
    protected static ConfigurableApplicationContext startSecondNode(int poolSize,
                                                                                                 String... extra) {
        return startSecondNode(null, poolSize, extra);
    }

    /**
     * As {@link #startSecondNode(int, String...)}, with {@code clock} (the test server's) as the second
     * node's clock too (null: the system's), so a test moves both nodes' time at once.
     */
    protected static ConfigurableApplicationContext startSecondNode(TestClock clock,
                                                                                                 int poolSize,
                                                                                                 String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--keybridge.database.url=" + DATABASE_URL, "--keybridge.data-dir=" + DATA_DIR,
                "--keybridge.admin-token=" + ADMIN_TOKEN, "--keybridge.database.pool-size=" + poolSize));
        WEBHOOK_SETTINGS.forEach((k, v) -> args.add("--" + k + "=" + v));
        RATE_LIMIT_SETTINGS.forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(extra));
        var builder = new SpringApplicationBuilder(KeybridgeApplication.class);
        if (clock != null) {
            builder.initializers(ctx -> ((GenericApplicationContext) ctx)
                    .registerBean("sharedTestClock", TestClock.class, () -> clock, bd -> bd.setPrimary(true)));
        }
        return builder.run(args.toArray(String[]::new));
    }

    /** The JDBC URL of the database the test server uses (for a second node on the same data). */
    protected static String databaseUrl() {
        return DATABASE_URL;
    }

    /** The data directory of the test server (holds the master keyset a second node must share). */
    protected static Path dataDir() {
        return DATA_DIR;
    }

    @BeforeEach
    void clients() {
        api = new Api("http://127.0.0.1:" + port);
        admin = api.withHeader("authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** A new organization with fresh credentials for both environments. */
    protected TestOrganization newOrganization() {
        return TestOrganization.create(admin, "org-" + System.nanoTime());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("keybridge-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
