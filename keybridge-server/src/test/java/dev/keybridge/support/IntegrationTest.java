package dev.keybridge.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one real server on a random port over one real PostgreSQL
 * database, shared by every test class that extends this (Spring caches the context). Tests keep
 * out of each other's way by working in organizations of their own ({@link #newOrganization()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private static final String DATABASE_URL = TestDatabase.get().createDatabase();
    private static final Path DATA_DIR = tempDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;
    protected Api admin;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("keybridge.database.url", () -> DATABASE_URL);
        registry.add("keybridge.data-dir", DATA_DIR::toString);
        registry.add("keybridge.admin-token", () -> ADMIN_TOKEN);
        registry.add("keybridge.database.pool-size", () -> "20");
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
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
